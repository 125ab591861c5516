package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.recommendations.api.TaxonomiesApi;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.TaxonomyKind;
import org.opennrtd.recommendations.api.model.TaxonomyTerm;
import org.opennrtd.recommendations.api.model.TaxonomyTermPage;
import org.opennrtd.recommendations.service.TaxonomyService;

/** HTTP only: the taxonomies that imports built, with how many recommendations carry each term. */
public class TaxonomyResource implements TaxonomiesApi {

    @Inject
    TaxonomyService service;

    @Override
    public RestResponse<TaxonomyTermPage> listTaxonomyTerms(TaxonomyKind kind, String country, Integer offset, Integer limit) {
        var page = service.terms(kind.toString(), country, offset, limit);
        return RestResponse.ok(new TaxonomyTermPage()
                .items(page.items().stream().map(c -> new TaxonomyTerm().term(c.key()).count(c.count())).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }
}
