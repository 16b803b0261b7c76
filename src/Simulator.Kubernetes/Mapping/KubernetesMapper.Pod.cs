using k8s.Models;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes;

public static partial class KubernetesMapper
{
    /// <summary>Maps a pod into the model: metadata, the modelled pod spec and the status.</summary>
    /// <param name="obj">The pod.</param>
    /// <returns>The model pod; <c>Pending</c> when the status has no phase.</returns>
    /// <exception cref="ApiException">A quantity or another field holds a value the model cannot represent.</exception>
    public static Pod ToModel(V1Pod obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = new MappingContext("Pod", obj.Metadata?.Name);
        return new Pod
        {
            Metadata = ToModel(obj.Metadata, context),
            Spec = ToModel(obj.Spec, context, "spec"),
            Status = ToModel(obj.Status),
        };
    }

    /// <summary>Maps a pod to a KubernetesClient object (<c>v1 Pod</c>).</summary>
    /// <param name="obj">The model pod.</param>
    /// <returns>The V1 pod.</returns>
    public static V1Pod ToKubernetes(Pod obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = ToKubernetes(obj.Metadata),
            Spec = ToKubernetes(obj.Spec),
            Status = ToKubernetes(obj.Status),
        };
    }

    private static PodSpec ToModel(V1PodSpec? spec, MappingContext context, string path)
    {
        if (spec is null)
        {
            return new PodSpec { RestartPolicy = "", SchedulerName = "" };
        }

        return new PodSpec
        {
            NodeName = spec.NodeName ?? "",
            NodeSelector = ToStringMap(spec.NodeSelector),
            Affinity = spec.Affinity is { } affinity ? new Affinity { NodeAffinity = ToModel(affinity.NodeAffinity) } : null,
            Tolerations = ToModelList(spec.Tolerations, ToModel),
            Containers = ToModelList(spec.Containers, (c, p) => ToModel(c, context, p), path + ".containers"),
            InitContainers = ToModelList(spec.InitContainers, (c, p) => ToModel(c, context, p), path + ".initContainers"),
            PriorityClassName = spec.PriorityClassName ?? "",
            Priority = spec.Priority,
            PreemptionPolicy = spec.PreemptionPolicy,

            // Empty, not the model's constructor default, so the simulation's defaulting sees the field as absent.
            RestartPolicy = spec.RestartPolicy ?? "",
            SecurityContext = ToModel(spec.SecurityContext),
            HostNetwork = spec.HostNetwork ?? false,
            HostPid = spec.HostPID ?? false,
            HostIpc = spec.HostIPC ?? false,
            TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds,
            ActiveDeadlineSeconds = spec.ActiveDeadlineSeconds,
            SchedulerName = spec.SchedulerName ?? "",
            Volumes = ToModelList(spec.Volumes, ToModel),
            Overhead = ToResourceList(spec.Overhead, context, path + ".overhead"),
        };
    }

    private static V1PodSpec ToKubernetes(PodSpec spec) => new()
    {
        NodeName = NullIfEmpty(spec.NodeName),
        NodeSelector = ToDictionary(spec.NodeSelector),
        Affinity = spec.Affinity is { } affinity ? new V1Affinity { NodeAffinity = ToKubernetes(affinity.NodeAffinity) } : null,
        Tolerations = ToKubernetesList(spec.Tolerations, ToKubernetes),
        Containers = ToKubernetesList(spec.Containers, ToKubernetes),
        InitContainers = ToKubernetesList(spec.InitContainers, ToKubernetes),
        PriorityClassName = NullIfEmpty(spec.PriorityClassName),
        Priority = spec.Priority,
        PreemptionPolicy = spec.PreemptionPolicy,
        RestartPolicy = NullIfEmpty(spec.RestartPolicy),
        SecurityContext = ToKubernetes(spec.SecurityContext),
        HostNetwork = TrueOrNull(spec.HostNetwork),
        HostPID = TrueOrNull(spec.HostPid),
        HostIPC = TrueOrNull(spec.HostIpc),
        TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds,
        ActiveDeadlineSeconds = spec.ActiveDeadlineSeconds,
        SchedulerName = NullIfEmpty(spec.SchedulerName),
        Volumes = ToKubernetesList(spec.Volumes, ToKubernetes),
        Overhead = ToKubernetes(spec.Overhead),
    };

    private static NodeAffinity? ToModel(V1NodeAffinity? affinity)
    {
        if (affinity is null)
        {
            return null;
        }

        var required = affinity.RequiredDuringSchedulingIgnoredDuringExecution;
        return new NodeAffinity
        {
            Required = required is null ? null : new NodeSelector { NodeSelectorTerms = ToModelList(required.NodeSelectorTerms, ToModel) },
            Preferred = ToModelList(
                affinity.PreferredDuringSchedulingIgnoredDuringExecution,
                term => new PreferredSchedulingTerm(term.Weight, ToModel(term.Preference ?? new V1NodeSelectorTerm()))),
        };
    }

    private static V1NodeAffinity? ToKubernetes(NodeAffinity? affinity)
    {
        if (affinity is null)
        {
            return null;
        }

        return new V1NodeAffinity
        {
            // An empty term list is kept (not omitted): a present required selector with no terms matches no node.
            RequiredDuringSchedulingIgnoredDuringExecution = affinity.Required is { } required
                ? new V1NodeSelector { NodeSelectorTerms = [.. required.NodeSelectorTerms.Select(ToKubernetes)] }
                : null,
            PreferredDuringSchedulingIgnoredDuringExecution = ToKubernetesList(
                affinity.Preferred,
                term => new V1PreferredSchedulingTerm { Weight = term.Weight, Preference = ToKubernetes(term.Preference) }),
        };
    }

    private static NodeSelectorTerm ToModel(V1NodeSelectorTerm term) => new()
    {
        MatchExpressions = ToModelList(term.MatchExpressions, ToModel),
        MatchFields = ToModelList(term.MatchFields, ToModel),
    };

    private static V1NodeSelectorTerm ToKubernetes(NodeSelectorTerm term) => new()
    {
        MatchExpressions = ToKubernetesList(term.MatchExpressions, ToNodeSelectorRequirement),
        MatchFields = ToKubernetesList(term.MatchFields, ToNodeSelectorRequirement),
    };

    private static SelectorRequirement ToModel(V1NodeSelectorRequirement requirement) =>
        new(requirement.Key ?? "", requirement.OperatorProperty ?? "", ToModelList(requirement.Values));

    private static V1NodeSelectorRequirement ToNodeSelectorRequirement(SelectorRequirement requirement) => new()
    {
        Key = requirement.Key,
        OperatorProperty = requirement.Operator,
        Values = ToKubernetesList(requirement.Values),
    };

    private static Toleration ToModel(V1Toleration toleration) =>
        new(toleration.Key ?? "", toleration.OperatorProperty ?? "", toleration.Value ?? "", toleration.Effect ?? "", toleration.TolerationSeconds);

    private static V1Toleration ToKubernetes(Toleration toleration) => new()
    {
        Key = NullIfEmpty(toleration.Key),
        OperatorProperty = NullIfEmpty(toleration.Operator),
        Value = NullIfEmpty(toleration.Value),
        Effect = NullIfEmpty(toleration.Effect),
        TolerationSeconds = toleration.TolerationSeconds,
    };

    private static Container ToModel(V1Container container, MappingContext context, string path) => new()
    {
        Name = container.Name ?? "",
        Image = container.Image ?? "",
        Resources = new ResourceRequirements
        {
            Requests = ToResourceList(container.Resources?.Requests, context, path + ".resources.requests"),
            Limits = ToResourceList(container.Resources?.Limits, context, path + ".resources.limits"),
        },
        Ports = ToModelList(container.Ports, ToModel),
        SecurityContext = ToModel(container.SecurityContext),
        RestartPolicy = container.RestartPolicy,
        VolumeMounts = ToModelList(container.VolumeMounts, ToModel),
    };

    private static V1Container ToKubernetes(Container container) => new()
    {
        Name = container.Name,
        Image = NullIfEmpty(container.Image),
        Resources = container.Resources.Requests.IsEmpty && container.Resources.Limits.IsEmpty
            ? null
            : new V1ResourceRequirements { Requests = ToKubernetes(container.Resources.Requests), Limits = ToKubernetes(container.Resources.Limits) },
        Ports = ToKubernetesList(container.Ports, ToKubernetes),
        SecurityContext = ToKubernetes(container.SecurityContext),
        RestartPolicy = container.RestartPolicy,
        VolumeMounts = ToKubernetesList(container.VolumeMounts, ToKubernetes),
    };

    private static ContainerPort ToModel(V1ContainerPort port) =>
        new(port.ContainerPort, port.HostPort ?? 0, port.Protocol ?? "", port.HostIP ?? "", port.Name ?? "");

    private static V1ContainerPort ToKubernetes(ContainerPort port) => new()
    {
        ContainerPort = port.Port,
        HostPort = NullIfZero(port.HostPort),
        Protocol = NullIfEmpty(port.Protocol),
        HostIP = NullIfEmpty(port.HostIp),
        Name = NullIfEmpty(port.Name),
    };

    private static SecurityContext? ToModel(V1SecurityContext? context) => context is null ? null : new SecurityContext
    {
        Privileged = context.Privileged,
        RunAsNonRoot = context.RunAsNonRoot,
        RunAsUser = context.RunAsUser,
        RunAsGroup = context.RunAsGroup,
        AllowPrivilegeEscalation = context.AllowPrivilegeEscalation,
        Capabilities = context.Capabilities is { } capabilities
            ? new Capabilities { Add = ToModelList(capabilities.Add), Drop = ToModelList(capabilities.Drop) }
            : null,
        ReadOnlyRootFilesystem = context.ReadOnlyRootFilesystem,
        SeccompProfile = ToModel(context.SeccompProfile),
    };

    private static V1SecurityContext? ToKubernetes(SecurityContext? context) => context is null ? null : new V1SecurityContext
    {
        Privileged = context.Privileged,
        RunAsNonRoot = context.RunAsNonRoot,
        RunAsUser = context.RunAsUser,
        RunAsGroup = context.RunAsGroup,
        AllowPrivilegeEscalation = context.AllowPrivilegeEscalation,
        Capabilities = context.Capabilities is { } capabilities
            ? new V1Capabilities { Add = ToKubernetesList(capabilities.Add), Drop = ToKubernetesList(capabilities.Drop) }
            : null,
        ReadOnlyRootFilesystem = context.ReadOnlyRootFilesystem,
        SeccompProfile = ToKubernetes(context.SeccompProfile),
    };

    private static PodSecurityContext? ToModel(V1PodSecurityContext? context) => context is null ? null : new PodSecurityContext
    {
        RunAsNonRoot = context.RunAsNonRoot,
        RunAsUser = context.RunAsUser,
        RunAsGroup = context.RunAsGroup,
        FsGroup = context.FsGroup,
        SeccompProfile = ToModel(context.SeccompProfile),
    };

    private static V1PodSecurityContext? ToKubernetes(PodSecurityContext? context) => context is null ? null : new V1PodSecurityContext
    {
        RunAsNonRoot = context.RunAsNonRoot,
        RunAsUser = context.RunAsUser,
        RunAsGroup = context.RunAsGroup,
        FsGroup = context.FsGroup,
        SeccompProfile = ToKubernetes(context.SeccompProfile),
    };

    private static SeccompProfile? ToModel(V1SeccompProfile? profile) =>
        profile is null ? null : new SeccompProfile(profile.Type ?? "", profile.LocalhostProfile);

    private static V1SeccompProfile? ToKubernetes(SeccompProfile? profile) =>
        profile is null ? null : new V1SeccompProfile { Type = NullIfEmpty(profile.Type), LocalhostProfile = profile.LocalhostProfile };

    private static VolumeMount ToModel(V1VolumeMount mount) => new(mount.Name ?? "", mount.MountPath ?? "", mount.ReadOnlyProperty ?? false);

    private static V1VolumeMount ToKubernetes(VolumeMount mount) => new()
    {
        Name = mount.Name,
        MountPath = mount.MountPath,
        ReadOnlyProperty = TrueOrNull(mount.ReadOnly),
    };

    // A source that is present keeps its presence even when its name is missing: the core tells volume kinds apart by null.
    private static Volume ToModel(V1Volume volume) => new()
    {
        Name = volume.Name ?? "",
        HostPath = volume.HostPath is null ? null : volume.HostPath.Path ?? "",
        HostPathType = volume.HostPath?.Type,
        EmptyDir = volume.EmptyDir is not null,
        ConfigMap = volume.ConfigMap is null ? null : volume.ConfigMap.Name ?? "",
        Secret = volume.Secret is null ? null : volume.Secret.SecretName ?? "",
    };

    private static V1Volume ToKubernetes(Volume volume) => new()
    {
        Name = volume.Name,
        HostPath = volume.HostPath is null && volume.HostPathType is null
            ? null
            : new V1HostPathVolumeSource { Path = volume.HostPath, Type = volume.HostPathType },
        EmptyDir = volume.EmptyDir ? new V1EmptyDirVolumeSource() : null,
        ConfigMap = volume.ConfigMap is null ? null : new V1ConfigMapVolumeSource { Name = NullIfEmpty(volume.ConfigMap) },
        Secret = volume.Secret is null ? null : new V1SecretVolumeSource { SecretName = NullIfEmpty(volume.Secret) },
    };

    private static PodStatus ToModel(V1PodStatus? status)
    {
        if (status is null)
        {
            return new PodStatus();
        }

        return new PodStatus
        {
            Phase = NullIfEmpty(status.Phase) ?? PodPhase.Pending,
            Conditions = ToModelList(status.Conditions, ToModel),
            ContainerStatuses = ToModelList(status.ContainerStatuses, ToModel),
            Reason = status.Reason ?? "",
            Message = status.Message ?? "",
            NominatedNodeName = status.NominatedNodeName ?? "",
            StartTime = ToSimTime(status.StartTime),
            PodIp = NullIfEmpty(status.PodIP) ?? (status.PodIPs is [{ Ip: { } first }, ..] ? first : ""),
        };
    }

    private static V1PodStatus ToKubernetes(PodStatus status) => new()
    {
        Phase = NullIfEmpty(status.Phase),
        Conditions = ToKubernetesList(status.Conditions, ToKubernetes),
        ContainerStatuses = ToKubernetesList(status.ContainerStatuses, ToKubernetes),
        Reason = NullIfEmpty(status.Reason),
        Message = NullIfEmpty(status.Message),
        NominatedNodeName = NullIfEmpty(status.NominatedNodeName),
        StartTime = ToDateTime(status.StartTime),
        PodIP = NullIfEmpty(status.PodIp),

        // The API server mirrors podIP as the first entry of podIPs; clients of either field then agree.
        PodIPs = status.PodIp.Length == 0 ? null : [new V1PodIP { Ip = status.PodIp }],
    };

    private static PodCondition ToModel(V1PodCondition condition) =>
        new(condition.Type ?? "", condition.Status ?? "", ToSimTime(condition.LastTransitionTime) ?? default, condition.Reason ?? "", condition.Message ?? "");

    private static V1PodCondition ToKubernetes(PodCondition condition) => new()
    {
        Type = condition.Type,
        Status = condition.Status,
        LastTransitionTime = condition.LastTransitionTime == default ? null : ToDateTime(condition.LastTransitionTime),
        Reason = NullIfEmpty(condition.Reason),
        Message = NullIfEmpty(condition.Message),
    };

    private static ContainerStatus ToModel(V1ContainerStatus status) => new()
    {
        Name = status.Name ?? "",
        Image = status.Image ?? "",
        Ready = status.Ready,
        Started = status.Started ?? false,
        RestartCount = status.RestartCount,
        State = ToModel(status.State),
    };

    private static V1ContainerStatus ToKubernetes(ContainerStatus status) => new()
    {
        Name = status.Name,
        Image = status.Image,
        Ready = status.Ready,

        // The kubelet always reports started, false included.
        Started = status.Started,
        RestartCount = status.RestartCount,
        State = ToKubernetes(status.State),
    };

    // Each state that is present is kept, even without details: a running state with no startedAt is still running
    // (it reads back as the zero time), a terminated one with no reason still terminated (an empty reason).
    private static ContainerState ToModel(V1ContainerState? state) => state is null ? new ContainerState() : new ContainerState
    {
        WaitingReason = state.Waiting?.Reason,
        RunningSince = state.Running is null ? null : ToSimTime(state.Running.StartedAt) ?? default,
        TerminatedReason = state.Terminated is null ? null : state.Terminated.Reason ?? "",
        ExitCode = state.Terminated?.ExitCode,
    };

    private static V1ContainerState ToKubernetes(ContainerState state)
    {
        var result = new V1ContainerState
        {
            Running = state.RunningSince is { } since ? new V1ContainerStateRunning { StartedAt = since == default ? null : ToDateTime(since) } : null,
            Terminated = state.TerminatedReason is null && state.ExitCode is null
                ? null
                : new V1ContainerStateTerminated { Reason = NullIfEmpty(state.TerminatedReason), ExitCode = state.ExitCode ?? 0 },
        };

        // The model's "no state at all" means waiting with no reason, which is how the kubelet reports a container it has not started.
        if (state.WaitingReason is not null || (result.Running is null && result.Terminated is null))
        {
            result.Waiting = new V1ContainerStateWaiting { Reason = state.WaitingReason };
        }

        return result;
    }
}
