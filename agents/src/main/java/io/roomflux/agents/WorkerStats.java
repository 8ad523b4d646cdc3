package io.roomflux.agents;

import java.util.Optional;

/**
 * A snapshot of a worker's counters, from {@link AgentWorker#stats()}. Counters only grow over the
 * worker's life, except {@code runningJobs} and {@code liveHandles}.
 *
 * @param workerId the id the server gave the current registration, if registered
 * @param registrations how often the worker registered (1 + re-registrations after reconnects)
 * @param availabilityRequests jobs the server offered
 * @param accepted offers accepted
 * @param declined offers declined (by the request function, at capacity, or while draining)
 * @param assigned jobs assigned and started
 * @param runningJobs jobs running now
 * @param succeeded jobs whose publisher completed
 * @param failed jobs that failed
 * @param roomEnded jobs whose room ended under them
 * @param terminated jobs the server terminated or the worker's close cancelled
 * @param liveHandles native handles the worker's rooms hold now
 */
public record WorkerStats(Optional<String> workerId, long registrations, long availabilityRequests,
                          long accepted, long declined, long assigned, int runningJobs, long succeeded,
                          long failed, long roomEnded, long terminated, long liveHandles) {}
