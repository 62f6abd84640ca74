package dev.burnrate.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertState;
import dev.burnrate.alert.RunawayTracker;
import dev.burnrate.budget.Budget;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.ledger.AlertStore;

/**
 * Delivery: the alert engine's transitions written with their messages ({@link #state}), and the outbox
 * delivered to every channel ({@link #deliver}).
 * <p>
 * A queued message is delivered by one run at a time (a lease), through all its channels at once (so a slow
 * channel costs its own time, not the sum of all of them), one message after another in queue order (so each
 * channel gets them in order, one at a time); each channel that takes it is recorded at once,
 * so a channel that failed is tried again by the next run without sending again to the channels that took it. A
 * run that dies mid-delivery leaves its lease to run out, and the next run after that goes on where it stopped
 * (a channel whose provider took the message in the instant before the death gets it twice: at least once, per
 * channel, under that one fault). A message no channel took within the give-up time is dropped with an error.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** Threads that send one message through its channels at once, kept across warm invocations. */
    private static final java.util.concurrent.ExecutorService CHANNELS = dev.burnrate.config.DaemonThreads
            .pool("burnrate-deliver");

    private final AlertStore store;
    private final AlertComposer composer;
    private final List<Notifier> notifiers;
    private final BurnrateConfig.Notify config;

    Dispatcher(AlertStore store, AlertComposer composer, @Any Instance<Notifier> notifiers, BurnrateConfig config) {
        this.store = store;
        this.composer = composer;
        this.notifiers = notifiers.stream().sorted(Comparator.comparing(Notifier::channel)).toList();
        this.config = config.channels();
    }

    /**
     * One delivery attempt of one message through one channel.
     *
     * @param messageId the provider's id (null on failure)
     * @param error     why it failed (null on success)
     */
    public record Delivery(String kind, String budget, String channel, String messageId, String error) {
    }

    /**
     * The alert state of one run in DynamoDB: each transition the engine applies is written with the message it
     * sends (composed from {@code context}) in one transaction.
     */
    public AlertState state(String runId, Instant now, Function<Budget, AlertContext> context) {
        return new AlertState() {
            private int seq;

            @Override
            public Snapshot read(Set<java.time.YearMonth> months, Collection<String> vendors) {
                return store.read(months, vendors);
            }

            @Override
            public boolean claim(AlertKey key, AlertDecision decision, boolean send) {
                AlertStore.Outbound message = send
                        ? outbound(composer.compose(decision, context.apply(decision.budget()))) : null;
                return store.claim(key, decision.valueUsd(), message, runId, seq++, now);
            }

            @Override
            public boolean recover(AlertKey key, Budget budget, boolean announce) {
                AlertStore.Outbound message = announce
                        ? outbound(composer.recovered(key, context.apply(budget))) : null;
                return store.recover(key, message, runId, seq++, now);
            }

            @Override
            public boolean advance(RunawayTracker.Step step, List<AlertDecision> notices) {
                List<AlertStore.Outbound> messages = notices.stream()
                        .map(d -> outbound(composer.compose(d, context.apply(d.budget())))).toList();
                int first = seq;
                seq += messages.size();
                return store.advance(step.before(), step.after(), messages, runId, first, now);
            }
        };
    }

    private static AlertStore.Outbound outbound(AlertMessage message) {
        return new AlertStore.Outbound(message.kind(), message.budgetId(), message.stored());
    }

    /**
     * Delivers every queued message, oldest first, to each enabled channel that has not taken it yet, the
     * channels of one message at once.
     *
     * @throws RuntimeException the first unexpected channel failure, once every message had its turn (so the
     *                          invocation fails and the errors alarm fires); expected ones are only reported
     */
    public List<Delivery> deliver(Secrets secrets, Instant now) {
        List<Notifier> enabled = notifiers.stream().filter(n -> n.enabled(secrets)).toList();
        List<Delivery> deliveries = new ArrayList<>();
        RuntimeException unexpected = null;
        for (AlertStore.Queued queued : store.outbox()) {
            String token = UUID.randomUUID().toString();
            if (!store.lease(queued.id(), token, now, now.plus(config.deliveryLease()))) {
                LOG.infof("message %s (%s) is being delivered by another run", queued.id(), queued.kind());
                continue;
            }
            AlertMessage message;
            try {
                message = AlertMessage.fromStored(queued.message());
            } catch (IllegalArgumentException e) {
                LOG.errorf("dropping queued message %s (%s): %s", queued.id(), queued.kind(), e.getMessage());
                store.finish(queued.id(), token);
                continue;
            }
            List<Notifier> due = enabled.stream()
                    .filter(n -> !queued.delivered().contains(n.channel()) && n.carries(message)).toList();
            List<Sent> sent = sendAll(due, queued, token, message, secrets);
            boolean allTook = true;
            boolean leaseLost = false;
            for (Sent one : sent) {
                deliveries.add(one.delivery());
                allTook &= one.delivery().error() == null;
                leaseLost |= !one.stillOurs();
                if (one.unexpected() != null && unexpected == null) {
                    unexpected = one.unexpected();
                }
            }
            if (leaseLost) {
                LOG.warnf("message %s (%s): another run took it over while this one delivered it; leaving it to that "
                        + "run", queued.id(), queued.kind());
                continue;
            }
            if (enabled.isEmpty()) {
                LOG.warnf("%s is due for budget %s but no notification channel is configured", message.kind(),
                        message.budgetId());
            }
            if (allTook) {
                store.finish(queued.id(), token);
            } else if (Duration.between(queued.queuedAt(), now).compareTo(config.giveUpAfter()) >= 0) {
                LOG.errorf("giving up message %s (%s, queued %s): not every channel took it within %s", queued.id(),
                        message.kind(), queued.queuedAt(), config.giveUpAfter());
                store.finish(queued.id(), token);
            } else {
                store.release(queued.id(), token);
            }
        }
        if (unexpected != null) {
            throw unexpected;
        }
        return deliveries;
    }

    /**
     * What one channel did with one message: the delivery, whether the lease was still this run's when it was
     * recorded, and the failure if it was not a {@link DeliveryException}.
     */
    private record Sent(Delivery delivery, boolean stillOurs, RuntimeException unexpected) {
    }

    /**
     * Sends one message through {@code due} channels at once (each channel takes one message at a time, in queue
     * order, so its own rate and order hold) and records each channel's outcome the moment it has one; the results
     * come back in channel order.
     */
    private List<Sent> sendAll(List<Notifier> due, AlertStore.Queued queued, String token, AlertMessage message,
            Secrets secrets) {
        List<java.util.concurrent.Future<Sent>> sending = new ArrayList<>();
        for (Notifier notifier : due) {
            sending.add(CHANNELS.submit(() -> send(notifier, queued, token, message, secrets)));
        }
        List<Sent> sent = new ArrayList<>();
        RuntimeException escaped = null;
        for (java.util.concurrent.Future<Sent> future : sending) {
            try {
                sent.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while delivering " + queued.id(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                // recording an outcome failed (DynamoDB): the run fails and the lease runs out, so the next run goes on
                if (escaped == null) {
                    escaped = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (escaped != null) {
            throw escaped;
        }
        return sent;
    }

    private Sent send(Notifier notifier, AlertStore.Queued queued, String token, AlertMessage message,
            Secrets secrets) {
        String id;
        try {
            id = notifier.send(message, secrets);
        } catch (RuntimeException failure) {
            boolean expected = failure instanceof DeliveryException;
            String error = expected ? failure.getMessage()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            LOG.errorf("sending %s for budget %s through %s failed (attempt %d; tried again next run): %s",
                    message.kind(), message.budgetId(), notifier.channel(), queued.attempts() + 1, error);
            boolean stillOurs = store.failed(queued.id(), token, notifier.channel(), error);
            return new Sent(new Delivery(message.kind(), message.budgetId(), notifier.channel(), null, error),
                    stillOurs, expected ? null : failure);
        }
        boolean stillOurs = store.delivered(queued.id(), token, notifier.channel(), id);
        LOG.infof("sent %s for budget %s through %s (message id %s)", message.kind(), message.budgetId(),
                notifier.channel(), id);
        return new Sent(new Delivery(message.kind(), message.budgetId(), notifier.channel(), id, null), stillOurs,
                null);
    }
}
