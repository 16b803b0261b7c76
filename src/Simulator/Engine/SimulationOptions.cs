using Simulator.Scheduling;

namespace Simulator.Engine;

/// <summary>How the simulated kubelets behave.</summary>
public sealed record KubeletOptions
{
    /// <summary>The shortest time from binding to the containers running (default 1 s).</summary>
    public TimeSpan StartLatencyMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest time from binding to the containers running (default 3 s); each pod draws uniformly from the seeded generator.</summary>
    public TimeSpan StartLatencyMax { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The time from running to Ready, as a readiness probe would take (default 0).</summary>
    public TimeSpan ReadyDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long a terminating pod takes to stop; null (the default) means its full grace period.</summary>
    public TimeSpan? TerminationDuration { get; init; }

    /// <summary>Whether the kubelet records Pulled, Created, Started and Killing events (default true; turn off for very large runs).</summary>
    public bool RecordEvents { get; init; } = true;
}

/// <summary>Settings of a simulation. Every field has a Kubernetes-like default.</summary>
public sealed record SimulationOptions
{
    /// <summary>The seed of the simulation's random generator (default 1). Same seed and inputs give the same event log.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The simulated wall-clock time at which the simulation starts (default 2025-01-01T00:00:00Z).</summary>
    public SimTime Start { get; init; } = SimTime.DefaultStart;

    /// <summary>The scheduler profile (default: Kubernetes' default plugins and weights).</summary>
    public SchedulerProfile SchedulerProfile { get; init; } = SchedulerProfile.Default;

    /// <summary>Kubelet behaviour.</summary>
    public KubeletOptions Kubelet { get; init; } = new();

    /// <summary>
    /// How long after the kubelet stops reporting the node lifecycle controller marks the node Unknown (<c>node-monitor-grace-period</c>:
    /// 50 s, kube-controller-manager's default since Kubernetes 1.32; 40 s before).
    /// </summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>How long pods bound to a deleted node stay before pod GC removes them (default 40 s, the orphan quarantine).</summary>
    public TimeSpan OrphanPodGracePeriod { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// How many queued events may run at one instant before a run treats it as a livelock that never lets time pass (default
    /// 1,000,000): <see cref="Simulation.RunUntilSettled"/> then reports not settled and <see cref="Simulation.RunUntil"/> throws.
    /// </summary>
    public long MaxEventsPerInstant { get; init; } = 1_000_000;

    /// <summary>The tolerationSeconds the DefaultTolerationSeconds admission adds for not-ready and unreachable (default 300).</summary>
    public long DefaultTolerationSeconds { get; init; } = 300;

    /// <summary>
    /// Makes the DaemonSet controller work as upstream Kubernetes does: every node event, and every event of a DaemonSet's pods,
    /// re-syncs the whole DaemonSet over every node with no cached verdicts. The plain reference the benchmarks and the
    /// equivalence properties measure the incremental controller against; results are the same, only slower.
    /// </summary>
    internal bool DaemonSetFullResync { get; init; }
}
