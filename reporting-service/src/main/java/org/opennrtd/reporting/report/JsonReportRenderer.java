package org.opennrtd.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * JSON with the same content as the other formats: cover, summary tables, sections and entries, and the counts;
 * charts are described by their title and text alternative (their numbers are in the tables), not embedded.
 */
@ApplicationScoped
public class JsonReportRenderer implements ReportRenderer {

    @Inject
    ObjectMapper mapper;

    @Override
    public ReportFormat format() {
        return ReportFormat.JSON;
    }

    @Override
    public byte[] render(ReportDocument d) {
        ObjectNode root = mapper.createObjectNode();
        root.put("title", d.title());
        root.put("country", d.subtitle());
        root.put("language", d.language());
        root.set("cover", mapper.valueToTree(d.cover()));
        ObjectNode summary = root.putObject("summary");
        summary.put("heading", d.summaryHeading());
        if (d.emptyNote() != null) {
            summary.put("note", d.emptyNote());
        }
        summary.set("tables", mapper.valueToTree(d.summaryTables()));
        ArrayNode charts = summary.putArray("charts");
        d.charts().forEach(c -> charts.addObject().put("id", c.id()).put("title", c.title()).put("description",
                c.altText()));
        root.set("sections", mapper.valueToTree(d.sections()));
        root.set("counts", mapper.valueToTree(d.counts()));
        try {
            return mapper.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A report cannot be written as JSON", e);
        }
    }
}
