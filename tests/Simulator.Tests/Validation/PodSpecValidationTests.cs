using Simulator.Model;
using Simulator.Validation;
using static Simulator.Tests.Validation.ValidationFixtures;

namespace Simulator.Tests.Validation;

// Expectations come from Kubernetes' pkg/apis/core/validation (ValidatePodSpec, ValidatePodCreate and the functions they
// call), rendered as a v1.32/v1.33 API server prints them. The spec under test is the fluentd template.
public class PodSpecValidationTests
{
    private const string Root = "spec.template.spec";
    private const string Container0 = Root + ".containers[0]";
    private const string Affinity = Root + ".affinity.nodeAffinity";
    private const string Required = Affinity + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
    private const string Escalation = "core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc000000000), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000000000), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}";

    private static PodSpec Base => DefaultedFluentd().Spec.Template.Spec;

    private static PodSpec WithPorts(PodSpec spec, params ContainerPort[] ports) => WithContainer(spec, c => c with { Ports = EquatableArray.Create(ports) });

    private static PodSpec WithResources(PodSpec spec, ResourceList limits, ResourceList requests) =>
        WithContainer(spec, c => c with { Resources = new ResourceRequirements { Limits = limits, Requests = requests } });

    // Kubernetes reports a mount of a volume that failed validation as "Not found", which the simulator does not model;
    // the volume cases therefore drop the container's mount.
    private static PodSpec WithVolumes(PodSpec spec, params Volume[] volumes) =>
        WithContainer(spec with { Volumes = EquatableArray.Create(volumes) }, c => c with { VolumeMounts = default });

    private static PodSpec WithToleration(PodSpec spec, Toleration toleration) => spec with { Tolerations = EquatableArray.Create(toleration) };

    private static PodSpec WithRequired(PodSpec spec, params NodeSelectorTerm[] terms) =>
        spec with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Required = NodeSelector.Of(terms) } } };

    private static NodeSelectorTerm Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of(key, op, values)) };

    private static NodeSelectorTerm Field(string key, string op, params string[] values) =>
        new() { MatchFields = EquatableArray.Create(SelectorRequirement.Of(key, op, values)) };

    public static TheoryData<string, Func<PodSpec, PodSpec>> ValidCases => new()
    {
        { "the fluentd template", s => s },
        { "an empty node selector term, which simply matches nothing", s => WithRequired(s, new NodeSelectorTerm()) },
        { "a Gt requirement with a non-integer value: values are not validated", s => WithRequired(s, Expression("cores", SelectorOperator.Gt, "many")) },
        { "an In requirement with a value that is no label value", s => WithRequired(s, Expression("type", SelectorOperator.In, "not a label!")) },
        { "a DoesNotExist requirement", s => WithRequired(s, Expression("type", SelectorOperator.DoesNotExist)) },
        { "the DaemonSet controller's metadata.name field term", s => WithRequired(s, NodeSelectorTerm.ForNodeName("node-1")) },
        { "a NoExecute toleration with tolerationSeconds", s => WithToleration(s, new Toleration(WellKnownTaints.NotReady, TolerationOperator.Exists, "", TaintEffect.NoExecute, 300)) },
        { "an Exists toleration with an empty key tolerates everything", s => WithToleration(s, new Toleration(Operator: TolerationOperator.Exists)) },
        { "an Equal toleration with an empty operator", s => WithToleration(s, new Toleration("dedicated", "", "logging", TaintEffect.NoSchedule)) },
        { "an extended resource whose request equals its limit", s => WithResources(s, ResourceList.Of("example.com/gpu", "2"), ResourceList.Of("example.com/gpu", "2")) },
        { "an extended resource with only a limit (a template gets no default request)", s => WithResources(s, ResourceList.Of("example.com/gpu", "1"), default) },
        { "a hostPort equal to the containerPort under hostNetwork", s => WithPorts(s with { HostNetwork = true }, new ContainerPort(24224, 24224)) },
        { "a negative terminationGracePeriodSeconds, which Kubernetes does not reject", s => s with { TerminationGracePeriodSeconds = -1 } },
        { "a restartable init container (sidecar)", s => s with { InitContainers = EquatableArray.Create(new Container { Name = "init", Image = "busybox", RestartPolicy = RestartPolicy.Always }) } },
        { "two ports with the same hostPort but different protocols", s => WithPorts(s, new ContainerPort(53, 53, PortProtocol.Tcp), new ContainerPort(53, 53, PortProtocol.Udp)) },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidatePodSpec_ValidSpec_NoErrors(string description, Func<PodSpec, PodSpec> change)
    {
        Render(ObjectValidation.ValidatePodSpec(change(Base), Root)).ShouldBeEmpty(description);
    }

    public static TheoryData<string, Func<PodSpec, PodSpec>, string[]> InvalidCases => new()
    {
        // Containers.
        { "no containers", s => s with { Containers = default }, [Root + ".containers: Required value"] },
        { "a container without a name", s => WithContainer(s, c => c with { Name = "" }), [Container0 + ".name: Required value"] },
        { "a container name that is not a DNS-1123 label", s => WithContainer(s, c => c with { Name = "Fluentd" }), [$"{Container0}.name: Invalid value: \"Fluentd\": {Dns1123Label}"] },
        {
            "two containers with one name",
            s => s with { Containers = EquatableArray.Create(FluentdContainer(), FluentdContainer()) },
            [Root + ".containers[1].name: Duplicate value: \"fluentd-elasticsearch\""]
        },
        {
            "an init container named like a container",
            s => s with { InitContainers = EquatableArray.Create(FluentdContainer()) },
            [Root + ".initContainers[0].name: Duplicate value: \"fluentd-elasticsearch\""]
        },
        { "a container without an image", s => WithContainer(s, c => c with { Image = "" }), [Container0 + ".image: Required value"] },
        { "a restartPolicy on a regular container", s => WithContainer(s, c => c with { RestartPolicy = RestartPolicy.Always }), [Container0 + ".restartPolicy: Forbidden: may not be set for non-init containers"] },
        {
            "an init container restartPolicy other than Always",
            s => s with { InitContainers = EquatableArray.Create(new Container { Name = "init", Image = "busybox", RestartPolicy = RestartPolicy.OnFailure }) },
            [Root + ".initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""]
        },

        // Ports.
        { "a containerPort of 0", s => WithPorts(s, new ContainerPort(0)), [Container0 + ".ports[0].containerPort: Required value"] },
        { "a containerPort above 65535", s => WithPorts(s, new ContainerPort(70000)), [Container0 + ".ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"] },
        { "a negative hostPort", s => WithPorts(s, new ContainerPort(24224, -1)), [Container0 + ".ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"] },
        { "a hostPort above 65535", s => WithPorts(s, new ContainerPort(24224, 65536)), [Container0 + ".ports[0].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive"] },
        { "an unknown protocol", s => WithPorts(s, new ContainerPort(24224, 0, "HTTP")), [Container0 + ".ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""] },
        { "an empty protocol (possible only without defaulting)", s => WithPorts(s, new ContainerPort(24224, 0, "")), [Container0 + ".ports[0].protocol: Required value"] },
        {
            "a port name in capitals",
            s => WithPorts(s, new ContainerPort(24224, Name: "FORWARD")),
            [
                Container0 + ".ports[0].name: Invalid value: \"FORWARD\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                Container0 + ".ports[0].name: Invalid value: \"FORWARD\": must contain at least one letter (a-z)",
            ]
        },
        {
            "two ports with one name",
            s => WithPorts(s, new ContainerPort(24224, Name: "forward"), new ContainerPort(24225, Name: "forward")),
            [Container0 + ".ports[1].name: Duplicate value: \"forward\""]
        },
        {
            "two containers claiming one host port",
            s => s with
            {
                Containers = EquatableArray.Create(
                    FluentdContainer() with { Ports = EquatableArray.Create(new ContainerPort(24224, 24224)) },
                    FluentdContainer() with { Name = "sidecar", Ports = EquatableArray.Create(new ContainerPort(8080, 24224)) }),
            },
            [Root + ".containers[1].ports[0].hostPort: Duplicate value: \"TCP//24224\""]
        },
        {
            "a hostPort that differs from the containerPort under hostNetwork",
            s => WithPorts(s with { HostNetwork = true }, new ContainerPort(80, 8080)),
            [Container0 + ".ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"]
        },

        // Resources.
        {
            "a cpu request above its limit",
            s => WithResources(s, ResourceList.Of("cpu", "100m"), ResourceList.Of("cpu", "200m")),
            [Container0 + ".resources.requests: Invalid value: \"200m\": must be less than or equal to cpu limit of 100m"]
        },
        {
            "a memory request above its limit",
            s => WithResources(s, ResourceList.Of("memory", "200Mi"), ResourceList.Of("memory", "300Mi")),
            [Container0 + ".resources.requests: Invalid value: \"300Mi\": must be less than or equal to memory limit of 200Mi"]
        },
        {
            "an extended resource request without a limit",
            s => WithResources(s, default, ResourceList.Of("example.com/gpu", "1")),
            [Container0 + ".resources.limits: Required value: Limit must be set for non overcommitable resources"]
        },
        {
            "an extended resource request below its limit",
            s => WithResources(s, ResourceList.Of("example.com/gpu", "2"), ResourceList.Of("example.com/gpu", "1")),
            [Container0 + ".resources.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2"]
        },
        {
            "a fractional extended resource",
            s => WithResources(s, ResourceList.Of("example.com/gpu", "500m"), default),
            [Container0 + ".resources.limits[example.com/gpu]: Invalid value: 500m: must be an integer"]
        },
        {
            "a negative cpu request",
            s => WithResources(s, default, ResourceList.Of("cpu", "-100m")),
            [Container0 + ".resources.requests[cpu]: Invalid value: \"-100m\": must be greater than or equal to 0"]
        },
        {
            "an unprefixed resource name that is not standard",
            s => WithResources(s, ResourceList.Of("gpu", "1"), default),
            [
                Container0 + ".resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
                Container0 + ".resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
            ]
        },
        {
            "a standard resource that containers cannot request",
            s => WithResources(s, ResourceList.Of("pods", "1"), default),
            [Container0 + ".resources.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers"]
        },

        // Security contexts.
        {
            "allowPrivilegeEscalation false with privileged true",
            s => WithContainer(s, c => c with { SecurityContext = new SecurityContext { Privileged = true, AllowPrivilegeEscalation = false } }),
            [$"{Container0}.securityContext: Invalid value: {Escalation}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true"]
        },
        {
            "allowPrivilegeEscalation false with CAP_SYS_ADMIN added",
            s => WithContainer(s, c => c with { SecurityContext = new SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new Capabilities { Add = EquatableArray.Create("CAP_SYS_ADMIN") } } }),
            [Container0 + ".securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(0xc000000000), Privileged:(*bool)(nil), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000000000), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"]
        },
        {
            "a negative runAsUser",
            s => WithContainer(s, c => c with { SecurityContext = new SecurityContext { RunAsUser = -1 } }),
            [Container0 + ".securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive"]
        },
        {
            "a pod fsGroup beyond int32",
            s => s with { SecurityContext = new PodSecurityContext { FsGroup = 3_000_000_000 } },
            [Root + ".securityContext.fsGroup: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive"]
        },
        {
            "an unknown seccomp profile type",
            s => s with { SecurityContext = new PodSecurityContext { SeccompProfile = new SeccompProfile("Default") } },
            [Root + ".securityContext.seccompProfile.type: Unsupported value: \"Default\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\""]
        },
        {
            "a Localhost seccomp profile without its path",
            s => WithContainer(s, c => c with { SecurityContext = new SecurityContext { SeccompProfile = new SeccompProfile("Localhost") } }),
            [Container0 + ".securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost"]
        },

        // Pod-level fields.
        { "an unknown restartPolicy", s => s with { RestartPolicy = "Sometimes" }, [Root + ".restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""] },
        { "no terminationGracePeriodSeconds (possible only without defaulting)", s => s with { TerminationGracePeriodSeconds = null }, [Root + ".terminationGracePeriodSeconds: Required value"] },
        { "an activeDeadlineSeconds of 0", s => s with { ActiveDeadlineSeconds = 0 }, [Root + ".activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"] },
        { "a nodeName that is not a DNS subdomain", s => s with { NodeName = "Node_1" }, [$"{Root}.nodeName: Invalid value: \"Node_1\": {Subdomain}"] },
        { "a priorityClassName that is not a DNS subdomain", s => s with { PriorityClassName = "High" }, [$"{Root}.priorityClassName: Invalid value: \"High\": {Subdomain}"] },
        { "an unknown preemptionPolicy", s => s with { PreemptionPolicy = "Always" }, [Root + ".preemptionPolicy: Unsupported value: \"Always\": supported values: \"PreemptLowerPriority\", \"Never\""] },
        { "a nodeSelector key that is not a qualified name", s => s with { NodeSelector = StringMap.Of("-type", "logging") }, [$"{Root}.nodeSelector: Invalid value: \"-type\": {NamePart}"] },
        { "a nodeSelector value that is not a label value", s => s with { NodeSelector = StringMap.Of("type", "platform tools") }, [$"{Root}.nodeSelector: Invalid value: \"platform tools\": {LabelValue}"] },
        { "a nodeSelector with an empty key", s => s with { NodeSelector = StringMap.Of("", "x") }, [$"{Root}.nodeSelector: Invalid value: \"\": name part must be non-empty", $"{Root}.nodeSelector: Invalid value: \"\": {NamePart}"] },

        // Volumes.
        { "a volume without a source", s => WithVolumes(s, new Volume { Name = "varlog" }), [Root + ".volumes[0]: Required value: must specify a volume type"] },
        { "a volume with two sources", s => WithVolumes(s, new Volume { Name = "varlog", HostPath = "/var/log", EmptyDir = true }), [Root + ".volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"] },
        { "a hostPath volume without a path", s => WithVolumes(s, new Volume { Name = "varlog", HostPath = "" }), [Root + ".volumes[0].hostPath.path: Required value"] },
        { "a hostPath that climbs out with ..", s => WithVolumes(s, new Volume { Name = "varlog", HostPath = "/var/../etc" }), [Root + ".volumes[0].hostPath.path: Invalid value: \"/var/../etc\": must not contain '..'"] },
        {
            "two volumes with one name",
            s => s with { Volumes = EquatableArray.Create(new Volume { Name = "varlog", HostPath = "/var/log" }, new Volume { Name = "varlog", EmptyDir = true }) },
            [Root + ".volumes[1].name: Duplicate value: \"varlog\""]
        },
        { "a volume name that is not a DNS-1123 label", s => WithVolumes(s, new Volume { Name = "var_log", EmptyDir = true }), [$"{Root}.volumes[0].name: Invalid value: \"var_log\": {Dns1123Label}"] },
        { "a volume mount without a path", s => WithContainer(s, c => c with { VolumeMounts = EquatableArray.Create(new VolumeMount("varlog", "")) }), [Container0 + ".volumeMounts[0].mountPath: Required value"] },

        // Tolerations.
        {
            "an Exists toleration with a value",
            s => WithToleration(s, new Toleration("dedicated", TolerationOperator.Exists, "logging", TaintEffect.NoSchedule)),
            [Root + ".tolerations[0].operator: Invalid value: \"logging\": value must be empty when `operator` is 'Exists'"]
        },
        {
            "an empty key with the Equal operator",
            s => WithToleration(s, new Toleration("", TolerationOperator.Equal)),
            [Root + ".tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        },
        {
            "an empty key with no operator",
            s => WithToleration(s, new Toleration(Effect: TaintEffect.NoSchedule)),
            [Root + ".tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        },
        {
            "an unknown toleration operator",
            s => WithToleration(s, new Toleration("dedicated", "In", "logging")),
            [Root + ".tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""]
        },
        {
            "an unknown toleration effect",
            s => WithToleration(s, new Toleration("dedicated", TolerationOperator.Exists, "", "NoRun")),
            [Root + ".tolerations[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
        },
        {
            "tolerationSeconds with a NoSchedule effect",
            s => WithToleration(s, new Toleration("dedicated", TolerationOperator.Exists, "", TaintEffect.NoSchedule, 60)),
            [Root + ".tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        },
        {
            "tolerationSeconds with no effect",
            s => WithToleration(s, new Toleration("dedicated", TolerationOperator.Exists, TolerationSeconds: 60)),
            [Root + ".tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        },
        {
            "a toleration value that is not a label value, reported under operator",
            s => WithToleration(s, new Toleration("dedicated", TolerationOperator.Equal, "log ging")),
            [Root + ".tolerations[0].operator: Invalid value: \"log ging\": " + LabelValue]
        },
        {
            "a toleration key with two slashes",
            s => WithToleration(s, new Toleration("a/b/c", TolerationOperator.Exists)),
            [$"{Root}.tolerations[0].key: Invalid value: \"a/b/c\": {QualifiedName}"]
        },

        // Node affinity.
        { "required node affinity without terms", s => WithRequired(s), [Required + ": Required value: must have at least one node selector term"] },
        { "an In requirement without values", s => WithRequired(s, Expression("type", SelectorOperator.In)), [Required + "[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"] },
        { "an Exists requirement with values", s => WithRequired(s, Expression("type", SelectorOperator.Exists, "x")), [Required + "[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"] },
        { "a Gt requirement with two values", s => WithRequired(s, Expression("cores", SelectorOperator.Gt, "1", "2")), [Required + "[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"] },
        { "an Lt requirement without values", s => WithRequired(s, Expression("cores", SelectorOperator.Lt)), [Required + "[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"] },
        { "an unknown requirement operator", s => WithRequired(s, Expression("type", "Like", "x")), [Required + "[0].matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator"] },
        { "a requirement key that is not a label key", s => WithRequired(s, Expression("-type", SelectorOperator.Exists)), [$"{Required}[0].matchExpressions[0].key: Invalid value: \"-type\": {NamePart}"] },
        { "a field requirement on a field other than metadata.name", s => WithRequired(s, Field("metadata.labels", SelectorOperator.In, "x")), [Required + "[0].matchFields[0].key: Invalid value: \"metadata.labels\": not a valid field selector key"] },
        { "a field requirement with Exists", s => WithRequired(s, Field("metadata.name", SelectorOperator.Exists)), [Required + "[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"] },
        { "a field requirement with two names", s => WithRequired(s, Field("metadata.name", SelectorOperator.In, "node-1", "node-2")), [Required + "[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"] },
        { "a field requirement naming an impossible node", s => WithRequired(s, Field("metadata.name", SelectorOperator.NotIn, "Node_1")), [$"{Required}[0].matchFields[0].values[0]: Invalid value: \"Node_1\": {Subdomain}"] },
        {
            "a preferred term of weight 0",
            s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Preferred = EquatableArray.Create(new PreferredSchedulingTerm(0, Expression("type", SelectorOperator.Exists))) } } },
            [Affinity + ".preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"]
        },
        {
            "a preferred term of weight 101",
            s => s with { Affinity = new Affinity { NodeAffinity = new NodeAffinity { Preferred = EquatableArray.Create(new PreferredSchedulingTerm(101, Expression("type", SelectorOperator.Exists))) } } },
            [Affinity + ".preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void ValidatePodSpec_InvalidSpec_ReportsKubernetesErrors(string description, Func<PodSpec, PodSpec> change, string[] expected)
    {
        Render(ObjectValidation.ValidatePodSpec(change(Base), Root)).ShouldBe(expected, description);
    }

    public static TheoryData<string, Func<Pod, Pod>, string[]> PodCases => new()
    {
        { "a defaulted fluentd pod", p => Defaults.Apply(p), [] },
        { "a pod with a generated name", p => Defaults.Apply(p with { Metadata = p.Metadata with { GenerateName = "fluentd-" } }), [] },
        { "a pod without a namespace", p => Defaults.Apply(p with { Metadata = p.Metadata with { Namespace = "" } }), ["metadata.namespace: Required value"] },
        {
            "a pod namespace that is not a DNS-1123 label",
            p => Defaults.Apply(p with { Metadata = p.Metadata with { Namespace = "kube.system" } }),
            [$"metadata.namespace: Invalid value: \"kube.system\": {Dns1123Label}"]
        },
        {
            "a generateName that is not a DNS subdomain prefix",
            p => Defaults.Apply(p with { Metadata = p.Metadata with { GenerateName = "Fluentd-" } }),
            [$"metadata.generateName: Invalid value: \"Fluentd-\": {Subdomain}"]
        },
        {
            "an image with surrounding white space (checked for pods, not templates)",
            p => Defaults.Apply(p with { Spec = WithContainer(p.Spec, c => c with { Image = " nginx" }) }),
            ["spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"]
        },
        {
            "a hostNetwork pod whose hostPort was left 0 without defaulting",
            p => p with { Spec = WithPorts(p.Spec with { HostNetwork = true }, new ContainerPort(24224)) },
            ["spec.containers[0].ports[0].hostPort: Invalid value: 0: must match `containerPort` when `hostNetwork` is true"]
        },
        {
            "the same hostNetwork pod after defaulting",
            p => Defaults.Apply(p with { Spec = WithPorts(p.Spec with { HostNetwork = true }, new ContainerPort(24224)) }),
            []
        },
    };

    [Theory]
    [MemberData(nameof(PodCases))]
    public void ValidatePod_Pod_ReportsKubernetesErrors(string description, Func<Pod, Pod> change, string[] expected)
    {
        Render(ObjectValidation.ValidatePod(change(FluentdPod()))).ShouldBe(expected, description);
    }
}
