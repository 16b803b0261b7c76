using Simulator.Engine;

namespace Simulator.Model;

/// <summary>Pod phases.</summary>
public static class PodPhase
{
    /// <summary>Accepted but not all containers are running (includes unscheduled pods).</summary>
    public const string Pending = "Pending";

    /// <summary>Bound and at least one container is running.</summary>
    public const string Running = "Running";

    /// <summary>All containers terminated successfully.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>All containers terminated and at least one failed, or the kubelet rejected the pod.</summary>
    public const string Failed = "Failed";

    /// <summary>The pod's state could not be obtained.</summary>
    public const string Unknown = "Unknown";
}

/// <summary>Pod condition types.</summary>
public static class PodConditionType
{
    /// <summary>The pod was bound to a node.</summary>
    public const string PodScheduled = "PodScheduled";

    /// <summary>All init containers completed.</summary>
    public const string Initialized = "Initialized";

    /// <summary>All containers are ready.</summary>
    public const string ContainersReady = "ContainersReady";

    /// <summary>The pod can serve.</summary>
    public const string Ready = "Ready";

    /// <summary>The pod is about to be terminated by a disruption (preemption, eviction).</summary>
    public const string DisruptionTarget = "DisruptionTarget";
}

/// <summary>Restart policies.</summary>
public static class RestartPolicy
{
    /// <summary>Always restart (the only value a DaemonSet template allows).</summary>
    public const string Always = "Always";

    /// <summary>Restart on failure.</summary>
    public const string OnFailure = "OnFailure";

    /// <summary>Never restart.</summary>
    public const string Never = "Never";
}

/// <summary>Preemption policies.</summary>
public static class PreemptionPolicy
{
    /// <summary>The pod may preempt lower-priority pods (the default).</summary>
    public const string PreemptLowerPriority = "PreemptLowerPriority";

    /// <summary>The pod never preempts.</summary>
    public const string Never = "Never";
}

/// <summary>Container port protocols.</summary>
public static class PortProtocol
{
    /// <summary>TCP (the default).</summary>
    public const string Tcp = "TCP";

    /// <summary>UDP.</summary>
    public const string Udp = "UDP";

    /// <summary>SCTP.</summary>
    public const string Sctp = "SCTP";
}

/// <summary>A container port (<c>ports[]</c>).</summary>
/// <param name="Port">The port inside the container (<c>containerPort</c>).</param>
/// <param name="HostPort">The port on the host; 0 means none.</param>
/// <param name="Protocol">TCP, UDP or SCTP; empty means TCP.</param>
/// <param name="HostIp">The host IP to bind; empty means 0.0.0.0.</param>
/// <param name="Name">An optional port name.</param>
public sealed record ContainerPort(int Port, int HostPort = 0, string Protocol = PortProtocol.Tcp, string HostIp = "", string Name = "");

/// <summary>Requests and limits of a container.</summary>
public sealed record ResourceRequirements
{
    /// <summary>What the scheduler reserves.</summary>
    public ResourceList Requests { get; init; }

    /// <summary>The upper bound enforced at run time.</summary>
    public ResourceList Limits { get; init; }
}

/// <summary>Linux capabilities to add or drop.</summary>
public sealed record Capabilities
{
    /// <summary>Capabilities to add.</summary>
    public EquatableArray<string> Add { get; init; }

    /// <summary>Capabilities to drop.</summary>
    public EquatableArray<string> Drop { get; init; }
}

/// <summary>A seccomp profile.</summary>
/// <param name="Type"><c>RuntimeDefault</c>, <c>Localhost</c> or <c>Unconfined</c>.</param>
/// <param name="LocalhostProfile">The profile path for <c>Localhost</c>.</param>
public sealed record SeccompProfile(string Type, string? LocalhostProfile = null);

/// <summary>Container-level security settings.</summary>
public sealed record SecurityContext
{
    /// <summary>Run privileged.</summary>
    public bool? Privileged { get; init; }

    /// <summary>Require a non-root user.</summary>
    public bool? RunAsNonRoot { get; init; }

    /// <summary>The user id.</summary>
    public long? RunAsUser { get; init; }

    /// <summary>The group id.</summary>
    public long? RunAsGroup { get; init; }

    /// <summary>Whether a process may gain more privileges than its parent.</summary>
    public bool? AllowPrivilegeEscalation { get; init; }

    /// <summary>Capabilities.</summary>
    public Capabilities? Capabilities { get; init; }

    /// <summary>Mount the root filesystem read-only.</summary>
    public bool? ReadOnlyRootFilesystem { get; init; }

    /// <summary>Seccomp profile.</summary>
    public SeccompProfile? SeccompProfile { get; init; }
}

/// <summary>Pod-level security settings.</summary>
public sealed record PodSecurityContext
{
    /// <summary>Require a non-root user.</summary>
    public bool? RunAsNonRoot { get; init; }

    /// <summary>The user id.</summary>
    public long? RunAsUser { get; init; }

    /// <summary>The group id.</summary>
    public long? RunAsGroup { get; init; }

    /// <summary>The volume ownership group.</summary>
    public long? FsGroup { get; init; }

    /// <summary>Seccomp profile.</summary>
    public SeccompProfile? SeccompProfile { get; init; }
}

/// <summary>A volume mount.</summary>
/// <param name="Name">The volume name.</param>
/// <param name="MountPath">The path in the container.</param>
/// <param name="ReadOnly">Whether the mount is read-only.</param>
public sealed record VolumeMount(string Name, string MountPath, bool ReadOnly = false);

/// <summary>A pod volume; only the sources that matter for placement and Pod Security are modelled.</summary>
public sealed record Volume
{
    /// <summary>The volume name.</summary>
    public string Name { get; init; } = "";

    /// <summary>A host path, if this is a hostPath volume.</summary>
    public string? HostPath { get; init; }

    /// <summary>The hostPath type, if any.</summary>
    public string? HostPathType { get; init; }

    /// <summary>Whether this is an emptyDir volume.</summary>
    public bool EmptyDir { get; init; }

    /// <summary>A ConfigMap name, if this is a configMap volume.</summary>
    public string? ConfigMap { get; init; }

    /// <summary>A Secret name, if this is a secret volume.</summary>
    public string? Secret { get; init; }
}

/// <summary>A container.</summary>
public sealed record Container
{
    /// <summary>The container name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image.</summary>
    public string Image { get; init; } = "";

    /// <summary>Requests and limits.</summary>
    public ResourceRequirements Resources { get; init; } = new();

    /// <summary>Ports.</summary>
    public EquatableArray<ContainerPort> Ports { get; init; }

    /// <summary>Security settings.</summary>
    public SecurityContext? SecurityContext { get; init; }

    /// <summary>For init containers: <c>Always</c> makes it a restartable "sidecar".</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Volume mounts.</summary>
    public EquatableArray<VolumeMount> VolumeMounts { get; init; }
}

/// <summary>The pod spec.</summary>
public sealed record PodSpec
{
    /// <summary>The node the pod is bound to; empty while unscheduled.</summary>
    public string NodeName { get; init; } = "";

    /// <summary>Exact label matches the node must have.</summary>
    public StringMap NodeSelector { get; init; }

    /// <summary>Affinity rules.</summary>
    public Affinity? Affinity { get; init; }

    /// <summary>Tolerations.</summary>
    public EquatableArray<Toleration> Tolerations { get; init; }

    /// <summary>Containers.</summary>
    public EquatableArray<Container> Containers { get; init; }

    /// <summary>Init containers (those with <c>restartPolicy: Always</c> are sidecars).</summary>
    public EquatableArray<Container> InitContainers { get; init; }

    /// <summary>The priority class name.</summary>
    public string PriorityClassName { get; init; } = "";

    /// <summary>The priority resolved by admission from the class.</summary>
    public int? Priority { get; init; }

    /// <summary>The preemption policy resolved by admission.</summary>
    public string? PreemptionPolicy { get; init; }

    /// <summary>The restart policy (defaults to Always).</summary>
    public string RestartPolicy { get; init; } = Model.RestartPolicy.Always;

    /// <summary>Pod-level security settings.</summary>
    public PodSecurityContext? SecurityContext { get; init; }

    /// <summary>Use the host's network namespace.</summary>
    public bool HostNetwork { get; init; }

    /// <summary>Use the host's PID namespace.</summary>
    public bool HostPid { get; init; }

    /// <summary>Use the host's IPC namespace.</summary>
    public bool HostIpc { get; init; }

    /// <summary>Grace period for termination, in seconds (default 30).</summary>
    public long? TerminationGracePeriodSeconds { get; init; }

    /// <summary>Deadline for the pod; forbidden in DaemonSet templates.</summary>
    public long? ActiveDeadlineSeconds { get; init; }

    /// <summary>The scheduler that places the pod.</summary>
    public string SchedulerName { get; init; } = "default-scheduler";

    /// <summary>Volumes.</summary>
    public EquatableArray<Volume> Volumes { get; init; }

    /// <summary>Resource overhead of the runtime class, added to requests.</summary>
    public ResourceList Overhead { get; init; }
}

/// <summary>A container's state: exactly one of waiting, running or terminated (all null = waiting with no reason).</summary>
public sealed record ContainerState
{
    /// <summary>Why the container waits, e.g. <c>ContainerCreating</c>, <c>CrashLoopBackOff</c>, <c>ImagePullBackOff</c>.</summary>
    public string? WaitingReason { get; init; }

    /// <summary>When the container started running, if it runs.</summary>
    public SimTime? RunningSince { get; init; }

    /// <summary>The exit reason, if terminated (e.g. <c>Error</c>, <c>Completed</c>).</summary>
    public string? TerminatedReason { get; init; }

    /// <summary>The exit code, if terminated.</summary>
    public int? ExitCode { get; init; }
}

/// <summary>A container's status.</summary>
public sealed record ContainerStatus
{
    /// <summary>The container name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The image.</summary>
    public string Image { get; init; } = "";

    /// <summary>Whether the container passes its readiness check.</summary>
    public bool Ready { get; init; }

    /// <summary>Whether the container has started.</summary>
    public bool Started { get; init; }

    /// <summary>How often the container restarted.</summary>
    public int RestartCount { get; init; }

    /// <summary>The current state.</summary>
    public ContainerState State { get; init; } = new();
}

/// <summary>A pod condition.</summary>
/// <param name="Type">One of <see cref="PodConditionType"/>.</param>
/// <param name="Status">One of <see cref="ConditionStatus"/>.</param>
/// <param name="LastTransitionTime">When the status last changed.</param>
/// <param name="Reason">A machine-readable reason, e.g. <c>Unschedulable</c>.</param>
/// <param name="Message">A human-readable message.</param>
public sealed record PodCondition(string Type, string Status, SimTime LastTransitionTime, string Reason = "", string Message = "") : ICondition<PodCondition>
{
    PodCondition ICondition<PodCondition>.WithLastTransitionTime(SimTime time) => this with { LastTransitionTime = time };
}

/// <summary>The pod status.</summary>
public sealed record PodStatus
{
    /// <summary>The phase.</summary>
    public string Phase { get; init; } = PodPhase.Pending;

    /// <summary>Conditions.</summary>
    public EquatableArray<PodCondition> Conditions { get; init; }

    /// <summary>Container statuses.</summary>
    public EquatableArray<ContainerStatus> ContainerStatuses { get; init; }

    /// <summary>A reason for the current state (e.g. <c>OutOfcpu</c>, <c>Evicted</c>).</summary>
    public string Reason { get; init; } = "";

    /// <summary>A message for the current state.</summary>
    public string Message { get; init; } = "";

    /// <summary>The node nominated by preemption.</summary>
    public string NominatedNodeName { get; init; } = "";

    /// <summary>When the kubelet accepted the pod.</summary>
    public SimTime? StartTime { get; init; }

    /// <summary>The pod's IP.</summary>
    public string PodIp { get; init; } = "";
}

/// <summary>A pod.</summary>
public sealed record Pod
{
    /// <summary>Metadata.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>Spec.</summary>
    public PodSpec Spec { get; init; } = new();

    /// <summary>Status.</summary>
    public PodStatus Status { get; init; } = new();

    /// <summary>The pod's name.</summary>
    public string Name => Metadata.Name;

    /// <summary>The pod's namespace.</summary>
    public string Namespace => Metadata.Namespace;

    /// <summary>The <c>namespace/name</c> key.</summary>
    public string Key => Metadata.Key;

    /// <summary>Whether the pod is bound to a node.</summary>
    public bool IsBound => Spec.NodeName.Length != 0;

    /// <summary>Whether the pod has finished (Succeeded or Failed).</summary>
    public bool IsTerminal => Status.Phase is PodPhase.Succeeded or PodPhase.Failed;

    /// <summary>Whether graceful deletion was requested.</summary>
    public bool IsTerminating => Metadata.DeletionTimestamp is not null;

    /// <summary>The pod's effective priority (0 when admission set none).</summary>
    public int EffectivePriority => Spec.Priority ?? 0;

    /// <summary>The condition of the given type, or null.</summary>
    /// <param name="type">The condition type.</param>
    /// <returns>The condition.</returns>
    public PodCondition? GetCondition(string type) => Conditions.Find(Status.Conditions, type);

    /// <summary>Whether the Ready condition is True.</summary>
    public bool IsReady => GetCondition(PodConditionType.Ready)?.Status == ConditionStatus.True;

    /// <summary>
    /// Whether the pod is available: ready, and ready for at least <paramref name="minReadySeconds"/> at <paramref name="now"/>
    /// (Kubernetes' <c>IsPodAvailable</c>, in its newest form: the instant is reached or passed).
    /// </summary>
    /// <param name="minReadySeconds">The DaemonSet's minReadySeconds.</param>
    /// <param name="now">The current time.</param>
    /// <returns>True when available.</returns>
    public bool IsAvailable(int minReadySeconds, SimTime now)
    {
        var ready = GetCondition(PodConditionType.Ready);
        if (ready is null || ready.Status != ConditionStatus.True)
        {
            return false;
        }

        if (minReadySeconds == 0)
        {
            return true;
        }

        return ready.LastTransitionTime + TimeSpan.FromSeconds(minReadySeconds) <= now;
    }

    /// <summary>Returns a copy with the condition of the same type replaced (transition time kept when the status is unchanged).</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>The pod.</returns>
    public Pod WithCondition(PodCondition condition) =>
        this with { Status = Status with { Conditions = Conditions.Set(Status.Conditions, condition) } };

    /// <summary>Returns the pod with several conditions set in turn (each as <see cref="WithCondition"/> would), in one copy.</summary>
    /// <param name="conditions">The conditions, applied in order.</param>
    /// <returns>The updated pod.</returns>
    public Pod WithConditions(params ReadOnlySpan<PodCondition> conditions)
    {
        var result = Status.Conditions;
        foreach (var condition in conditions)
        {
            result = Conditions.Set(result, condition);
        }

        return this with { Status = Status with { Conditions = result } };
    }
}
