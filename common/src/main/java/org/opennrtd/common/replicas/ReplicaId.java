package org.opennrtd.common.replicas;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This process among the replicas of a service: its host name (the pod name on Kubernetes) and a random suffix, so
 * that two processes on one host differ too. Recorded on the jobs and scheduled runs a replica takes.
 */
@ApplicationScoped
public class ReplicaId {

    private final String value;

    public ReplicaId() {
        // Kubernetes sets HOSTNAME to the pod's name.
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        value = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
