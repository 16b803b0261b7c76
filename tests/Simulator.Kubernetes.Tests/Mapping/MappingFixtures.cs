using Simulator.Engine;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Mapping;

/// <summary>Model objects that use every field the mapper maps.</summary>
internal static class MappingFixtures
{
    public static readonly SimTime Created = SimTime.Parse("2025-01-01T00:00:02Z");

    public static readonly SimTime Later = SimTime.Parse("2025-01-01T00:05:30Z");

    public static PodTemplateSpec RichTemplate() => new()
    {
        Metadata = new ObjectMeta
        {
            Labels = StringMap.Of("name", "fluentd", "tier", "logging"),
            Annotations = StringMap.Of("kubectl.kubernetes.io/restartedAt", "2025-01-01T00:00:00Z"),
        },
        Spec = new PodSpec
        {
            NodeSelector = StringMap.Of("type", "platform-tools"),
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity
                {
                    Required = NodeSelector.Of(
                        new NodeSelectorTerm
                        {
                            MatchExpressions = EquatableArray.Create(
                                SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools", "infra"),
                                SelectorRequirement.Of("gpu", SelectorOperator.DoesNotExist)),
                        },
                        NodeSelectorTerm.ForNodeName("k8s-worker-1")),
                    Preferred = EquatableArray.Create(
                        new PreferredSchedulingTerm(1, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("instance-type", SelectorOperator.In, "t2.large")) }),
                        new PreferredSchedulingTerm(50, new NodeSelectorTerm { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("cores", SelectorOperator.Gt, "4")) })),
                },
            },
            Tolerations = EquatableArray.Create(
                new Toleration("node-role.kubernetes.io/control-plane", TolerationOperator.Exists, "", TaintEffect.NoSchedule),
                new Toleration(WellKnownTaints.Unreachable, TolerationOperator.Exists, "", TaintEffect.NoExecute, 300),
                new Toleration("app", TolerationOperator.Equal, "fluentd-logging", TaintEffect.NoExecute, 0),
                new Toleration(Operator: TolerationOperator.Exists)),
            InitContainers = EquatableArray.Create(new Container
            {
                Name = "log-shipper",
                Image = "busybox:1.36",
                RestartPolicy = RestartPolicy.Always,
                Resources = new ResourceRequirements { Requests = ResourceList.Of("cpu", "10m", "memory", "16Mi") },
            }),
            Containers = EquatableArray.Create(
                new Container
                {
                    Name = "fluentd-elasticsearch",
                    Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                    Resources = new ResourceRequirements
                    {
                        Requests = ResourceList.Of("cpu", "100m", "memory", "200Mi", "ephemeral-storage", "1.5Gi"),
                        Limits = ResourceList.Of("memory", "200Mi", "cpu", "0.5"),
                    },
                    Ports = EquatableArray.Create(
                        new ContainerPort(24224, 24224, PortProtocol.Tcp, "10.0.0.1", "forward"),
                        new ContainerPort(5140, 5140, PortProtocol.Udp),
                        new ContainerPort(9880, Protocol: "")),
                    SecurityContext = new SecurityContext
                    {
                        Privileged = false,
                        RunAsNonRoot = true,
                        RunAsUser = 1000,
                        RunAsGroup = 3000,
                        AllowPrivilegeEscalation = false,
                        Capabilities = new Capabilities { Add = EquatableArray.Create("NET_BIND_SERVICE"), Drop = EquatableArray.Create("ALL") },
                        ReadOnlyRootFilesystem = true,
                        SeccompProfile = new SeccompProfile("Localhost", "profiles/fluentd.json"),
                    },
                    VolumeMounts = EquatableArray.Create(
                        new VolumeMount("varlog", "/var/log"),
                        new VolumeMount("config", "/etc/fluentd", ReadOnly: true),
                        new VolumeMount("buffer", "/buffer"),
                        new VolumeMount("certs", "/certs", ReadOnly: true)),
                },
                new Container { Name = "exporter", Image = "prom/exporter", SecurityContext = new SecurityContext { Privileged = true } }),
            PriorityClassName = "system-node-critical",
            Priority = 2_000_001_000,
            PreemptionPolicy = PreemptionPolicy.Never,
            RestartPolicy = RestartPolicy.Always,
            SecurityContext = new PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = 1000,
                RunAsGroup = 3000,
                FsGroup = 2000,
                SeccompProfile = new SeccompProfile("RuntimeDefault"),
            },
            HostNetwork = true,
            HostPid = true,
            HostIpc = true,
            TerminationGracePeriodSeconds = 30,
            SchedulerName = "my-scheduler",
            Volumes = EquatableArray.Create(
                new Volume { Name = "varlog", HostPath = "/var/log", HostPathType = "DirectoryOrCreate" },
                new Volume { Name = "config", ConfigMap = "fluentd-config" },
                new Volume { Name = "buffer", EmptyDir = true },
                new Volume { Name = "certs", Secret = "fluentd-certs" }),
            Overhead = ResourceList.Of("cpu", "250m", "memory", "120Mi"),
        },
    };

    public static DaemonSet RichDaemonSet() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "fluentd",
            Namespace = "logging",
            Uid = "3f1c2d4e-0000-4000-8000-000000000001",
            Labels = StringMap.Of("app", "fluentd-logging"),
            Annotations = StringMap.Of(DaemonSetLabels.TemplateGenerationAnnotation, "3", DaemonSetLabels.ChangeCauseAnnotation, "kubectl apply"),
            CreationTimestamp = Created,
            Generation = 3,
            ResourceVersion = 12345,
        },
        Spec = new DaemonSetSpec
        {
            Selector = new LabelSelector
            {
                MatchLabels = StringMap.Of("name", "fluentd"),
                MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("tier", SelectorOperator.In, "logging"), SelectorRequirement.Of("canary", SelectorOperator.DoesNotExist)),
            },
            Template = RichTemplate(),
            UpdateStrategy = new DaemonSetUpdateStrategy
            {
                Type = DaemonSetUpdateStrategyType.RollingUpdate,
                RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = 0, MaxSurge = "25%" },
            },
            MinReadySeconds = 10,
            RevisionHistoryLimit = 5,
        },
        Status = new DaemonSetStatus
        {
            CurrentNumberScheduled = 500,
            NumberMisscheduled = 2,
            DesiredNumberScheduled = 499,
            NumberReady = 497,
            ObservedGeneration = 3,
            UpdatedNumberScheduled = 250,
            NumberAvailable = 496,
            NumberUnavailable = 3,
            CollisionCount = 1,
        },
    };

    public static Node RichNode() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "k8s-worker-2",
            Uid = "node-uid-2",
            Labels = StringMap.Of("kubernetes.io/hostname", "k8s-worker-2", "type", "platform-tools"),
            Annotations = StringMap.Of("node.alpha.kubernetes.io/ttl", "0"),
            CreationTimestamp = Created,
            ResourceVersion = 77,
        },
        Spec = new NodeSpec
        {
            Unschedulable = true,
            Taints = EquatableArray.Create(
                new Taint("app", "fluentd-logging", TaintEffect.NoExecute, Later),
                new Taint(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule, Later),
                new Taint("dedicated", "infra", TaintEffect.PreferNoSchedule)),
        },
        Status = new NodeStatus
        {
            Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110", "ephemeral-storage", "100Gi", "nvidia.com/gpu", "1"),
            Allocatable = ResourceList.Of("cpu", "3900m", "memory", "15.5Gi", "pods", "110", "ephemeral-storage", "95Gi"),
            Conditions = EquatableArray.Create(
                new NodeCondition(NodeConditionType.Ready, ConditionStatus.True, Created, "KubeletReady", "kubelet is posting ready status"),
                new NodeCondition(NodeConditionType.MemoryPressure, ConditionStatus.False, Created, "KubeletHasSufficientMemory"),
                new NodeCondition(NodeConditionType.DiskPressure, ConditionStatus.Unknown, Later)),
        },
    };

    public static Pod RunningPod() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "fluentd-hd8g6",
            Namespace = "logging",
            GenerateName = "fluentd-",
            Uid = "pod-uid-1",
            Labels = StringMap.Of("name", "fluentd", DaemonSetLabels.ControllerRevisionHash, "6d8f7c9b5", DaemonSetLabels.PodTemplateGeneration, "3"),
            OwnerReferences = EquatableArray.Create(
                new OwnerReference("apps/v1", "DaemonSet", "fluentd", "3f1c2d4e-0000-4000-8000-000000000001"),
                new OwnerReference("v1", "ConfigMap", "fluentd-config", "cm-uid", Controller: false, BlockOwnerDeletion: false),
                new OwnerReference("example.com/v1", "Watcher", "w", "w-uid", Controller: false, BlockOwnerDeletion: true)),
            CreationTimestamp = Created,
            DeletionTimestamp = Later,
            DeletionGracePeriodSeconds = 30,
            ResourceVersion = 9_000_000_001,
        },
        Spec = RichTemplate().Spec with
        {
            NodeName = "k8s-worker-2",
            ActiveDeadlineSeconds = 600,
            Affinity = new Affinity
            {
                NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(NodeSelectorTerm.ForNodeName("k8s-worker-2")) },
            },
        },
        Status = new PodStatus
        {
            Phase = PodPhase.Running,
            Conditions = EquatableArray.Create(
                new PodCondition(PodConditionType.PodScheduled, ConditionStatus.True, Created),
                new PodCondition(PodConditionType.Initialized, ConditionStatus.True, Created),
                new PodCondition(PodConditionType.ContainersReady, ConditionStatus.False, Later, "ContainersNotReady", "containers with unready status: [exporter]"),
                new PodCondition(PodConditionType.Ready, ConditionStatus.False, Later, "ContainersNotReady", "containers with unready status: [exporter]")),
            ContainerStatuses = EquatableArray.Create(
                new ContainerStatus
                {
                    Name = "fluentd-elasticsearch",
                    Image = "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
                    Ready = true,
                    Started = true,
                    RestartCount = 2,
                    State = new ContainerState { RunningSince = Created + TimeSpan.FromSeconds(3) },
                },
                new ContainerStatus
                {
                    Name = "exporter",
                    Image = "prom/exporter",
                    RestartCount = 7,
                    State = new ContainerState { WaitingReason = "CrashLoopBackOff" },
                },
                new ContainerStatus
                {
                    Name = "oneshot",
                    Image = "busybox",
                    State = new ContainerState { TerminatedReason = "Error", ExitCode = 137 },
                },
                new ContainerStatus { Name = "fresh", Image = "busybox" }),
            Reason = "",
            Message = "",
            NominatedNodeName = "k8s-worker-3",
            StartTime = Created + TimeSpan.FromSeconds(1),
            PodIp = "10.244.1.17",
        },
    };

    public static ControllerRevision Revision() => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "fluentd-6d8f7c9b5",
            Namespace = "logging",
            Uid = "rev-uid",
            Labels = StringMap.Of("name", "fluentd", DaemonSetLabels.ControllerRevisionHash, "6d8f7c9b5"),
            Annotations = StringMap.Of(DaemonSetLabels.ChangeCauseAnnotation, "kubectl apply"),
            OwnerReferences = EquatableArray.Create(new OwnerReference("apps/v1", "DaemonSet", "fluentd", "3f1c2d4e-0000-4000-8000-000000000001")),
            CreationTimestamp = Created,
            ResourceVersion = 4,
        },
        Revision = 3,
        Data = RichTemplate(),
    };
}
