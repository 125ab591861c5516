package org.opennrtd.recommendations.service;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.replicas.ScheduledSlots;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.importing.UrlFetcher;

/**
 * Imports of files the service fetches itself: on request from an allowed address, and on a schedule from one
 * configured UHRI-compatible address (off by default). The scheduled pull runs on one replica at a time: it holds
 * a PostgreSQL advisory lock while it fetches and queues.
 */
@ApplicationScoped
public class UrlImportService {

    private static final Logger LOG = Logger.getLogger(UrlImportService.class);
    static final long SCHEDULED_PULL_LOCK = 0x4f4e5244_55484952L;
    public static final String SCHEDULER = "scheduler";

    @Inject
    ImportService imports;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ScheduledSlots slots;

    @ConfigProperty(name = "opennrtd.import.url.allowed-prefixes", defaultValue = " ")
    List<String> allowedPrefixes;

    @ConfigProperty(name = "opennrtd.import.url.timeout", defaultValue = "PT60S")
    Duration timeout;

    @ConfigProperty(name = "opennrtd.import.scheduled-pull.url")
    Optional<URI> scheduledUrl;

    @ConfigProperty(name = "opennrtd.import.scheduled-pull.country")
    Optional<String> scheduledCountry;

    /** Whether the scheduled pull's file is a complete UHRI export, which withdraws the annotations it lacks. */
    @ConfigProperty(name = "opennrtd.import.scheduled-pull.complete", defaultValue = "true")
    boolean scheduledComplete;

    /** Fetches and queues a file a caller asked for; the caller's country rules apply as for an upload. */
    public ImportJobEntity pull(URI url, String country, Integer uprCycle, Integer uprSession, boolean complete,
            String language) {
        if (country != null && !caller.hasRole(Roles.ADMIN) && !caller.maySeeCountry(country)) {
            throw ProblemException.forbidden("Your account may import for " + caller.country().orElse("no country")
                    + " only, not " + country + ".");
        }
        UrlFetcher.Fetched fetched = fetcher(allowedPrefixes).fetch(url);
        try {
            return imports.submit(new ImportService.Upload(fetched.file(), fetched.size(), fetched.fileName(),
                    fetched.contentType(), country, uprCycle, uprSession, complete, language));
        } finally {
            UrlFetcher.delete(fetched.file());
        }
    }

    /** The scheduled pull; {@code opennrtd.import.scheduled-pull.cron} is {@code off} unless configured. */
    @Scheduled(identity = "uhri-pull", cron = "${opennrtd.import.scheduled-pull.cron:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPull(ScheduledExecution execution) {
        // Every replica's scheduler fires at this time; the first to record it runs the pull.
        if (!slots.claim("uhri-pull", execution.getScheduledFireTime())) {
            LOG.debugf("The scheduled UHRI pull of %s is another replica's.", execution.getScheduledFireTime());
            return;
        }
        pullConfigured().ifPresent(imports::start);
    }

    /**
     * Runs the configured pull once, unless another replica is running it; returns the queued job if any. The
     * advisory lock lives as long as this transaction, which spans fetching and reading a file that can be the whole
     * index (about 200 MB): hence a timeout of an hour rather than the default minute.
     */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 3600)
    public Optional<java.util.UUID> pullConfigured() {
        if (scheduledUrl.isEmpty()) {
            return Optional.empty();
        }
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, SCHEDULED_PULL_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            LOG.info("The scheduled UHRI pull is running on another replica; skipped here.");
            return Optional.empty();
        }
        URI url = scheduledUrl.get();
        // The configured address is trusted: it is the administrator's own setting.
        UrlFetcher.Fetched fetched = fetcher(List.of(url.toString())).fetch(url);
        try {
            ImportJobEntity job = imports.submit(new ImportService.Upload(fetched.file(), fetched.size(),
                    fetched.fileName(), fetched.contentType(), scheduledCountry.orElse(null), null, null,
                    scheduledComplete),
                    scheduledCountry, SCHEDULER);
            LOG.infof("Scheduled UHRI pull from %s queued import job %s (%d rows).", url, job.id, job.rowsTotal);
            return Optional.of(job.id);
        } finally {
            UrlFetcher.delete(fetched.file());
        }
    }

    private UrlFetcher fetcher(List<String> prefixes) {
        return new UrlFetcher(prefixes, imports.maxBytes(), timeout);
    }
}
