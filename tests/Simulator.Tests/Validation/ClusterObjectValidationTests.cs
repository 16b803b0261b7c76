using Simulator.Model;
using Simulator.Validation;
using static Simulator.Tests.Validation.ValidationFixtures;

namespace Simulator.Tests.Validation;

// Expectations come from Kubernetes' ValidateNode and validateNodeTaints (pkg/apis/core/validation), ValidateNamespace,
// and ValidatePriorityClass / ValidatePriorityClassUpdate (pkg/apis/scheduling/validation).
public class ClusterObjectValidationTests
{
    private static Node Worker() => new()
    {
        Metadata = new ObjectMeta { Name = "worker-1", Labels = StringMap.Of("kubernetes.io/hostname", "worker-1", "type", "platform-tools") },
        Spec = new NodeSpec { Taints = EquatableArray.Create(new Taint("dedicated", "logging", TaintEffect.NoSchedule)) },
        Status = new NodeStatus { Capacity = ResourceList.Of("cpu", "4", "memory", "16Gi", "pods", "110"), Allocatable = ResourceList.Of("cpu", "3800m", "memory", "15Gi", "pods", "110") },
    };

    private static Node WithTaints(Node node, params Taint[] taints) => node with { Spec = node.Spec with { Taints = EquatableArray.Create(taints) } };

    public static TheoryData<string, Func<Node, Node>, string[]> NodeCases => new()
    {
        { "a worker with a taint", n => n, [] },
        { "one key with two effects", n => WithTaints(n, new Taint("dedicated", "logging", TaintEffect.NoSchedule), new Taint("dedicated", "logging", TaintEffect.NoExecute)), [] },
        { "a taint without a value", n => WithTaints(n, new Taint(WellKnownTaints.Unschedulable, "", TaintEffect.NoSchedule)), [] },
        { "a name that is not a DNS subdomain", n => n with { Metadata = n.Metadata with { Name = "Worker_1" } }, [$"metadata.name: Invalid value: \"Worker_1\": {Subdomain}"] },
        { "a namespace on a cluster-scoped object", n => n with { Metadata = n.Metadata with { Namespace = "default" } }, ["metadata.namespace: Forbidden: not allowed on this type"] },
        { "a label value that is not a label value", n => n with { Metadata = n.Metadata with { Labels = StringMap.Of("type", "-tools") } }, [$"metadata.labels: Invalid value: \"-tools\": {LabelValue}"] },
        {
            "a taint key with two slashes, reported under metadata.taints as Kubernetes does",
            n => WithTaints(n, new Taint("a/b/c", "", TaintEffect.NoSchedule)),
            [$"metadata.taints[0].key: Invalid value: \"a/b/c\": {QualifiedName}"]
        },
        {
            "a taint value that is not a label value",
            n => WithTaints(n, new Taint("dedicated", "log ging", TaintEffect.NoSchedule)),
            [$"metadata.taints[0].value: Invalid value: \"log ging\": {LabelValue}"]
        },
        { "a taint without an effect", n => WithTaints(n, new Taint("dedicated", "logging", "")), ["metadata.taints[0].effect: Required value"] },
        {
            "an unknown taint effect",
            n => WithTaints(n, new Taint("dedicated", "logging", "NoRun")),
            ["metadata.taints[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
        },
        {
            "two taints with one key and effect",
            n => WithTaints(n, new Taint("dedicated", "logging", TaintEffect.NoSchedule), new Taint("dedicated", "monitoring", TaintEffect.NoSchedule)),
            ["metadata.taints[1]: Duplicate value: core.Taint{Key:\"dedicated\", Value:\"monitoring\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"]
        },
        {
            "a negative capacity",
            n => n with { Status = n.Status with { Capacity = ResourceList.Of("cpu", "-1") } },
            ["status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0"]
        },
        {
            "a fractional pod count",
            n => n with { Status = n.Status with { Allocatable = ResourceList.Of("pods", "1.5") } },
            ["status.allocatable.pods: Invalid value: 1500m: must be an integer"]
        },
    };

    [Theory]
    [MemberData(nameof(NodeCases))]
    public void ValidateNode_Node_ReportsKubernetesErrors(string description, Func<Node, Node> change, string[] expected)
    {
        Render(ObjectValidation.ValidateNode(change(Worker()))).ShouldBe(expected, description);
    }

    [Theory]
    [InlineData("a plain namespace name", "logging", new string[0])]
    [InlineData("a name with a dash", "kube-system", new string[0])]
    [InlineData("no name", "", new[] { "metadata.name: Required value: name or generateName is required" })]
    [InlineData("capital letters", "Logging", new[] { "metadata.name: Invalid value: \"Logging\": " + Dns1123Label })]
    [InlineData("a dot, allowed in subdomains but not in labels", "team.logging", new[] { "metadata.name: Invalid value: \"team.logging\": " + Dns1123Label })]
    public void ValidateNamespace_Name_ReportsKubernetesErrors(string description, string name, string[] expected)
    {
        var errors = ObjectValidation.ValidateNamespace(new Namespace { Metadata = ObjectMeta.Named(name) });

        Render(errors).ShouldBe(expected, description);
    }

    private static PriorityClass High() => new() { Metadata = ObjectMeta.Named("node-agents"), Value = 1_000_000 };

    public static TheoryData<string, PriorityClass, string[]> PriorityClassCases => new()
    {
        { "a user class", High(), [] },
        { "the highest user value", High() with { Value = 1_000_000_000 }, [] },
        { "a negative value", High() with { Value = -5 }, [] },
        { "a Never preemption policy", High() with { PreemptionPolicy = PreemptionPolicy.Never }, [] },
        { "the built-in system-node-critical", PriorityClass.SystemNodeCritical, [] },
        { "the built-in system-cluster-critical", PriorityClass.SystemClusterCritical, [] },
        { "one above the highest user value", High() with { Value = 1_000_000_001 }, ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"] },
        {
            "an unknown system- name",
            High() with { Metadata = ObjectMeta.Named("system-logging") },
            ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-logging is not a known system priority class"]
        },
        {
            "system-node-critical with another value",
            PriorityClass.SystemNodeCritical with { Value = 2_000_000_000 },
            ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"]
        },
        {
            "system-cluster-critical as the global default",
            PriorityClass.SystemClusterCritical with { GlobalDefault = true },
            ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false"]
        },
        {
            "an unknown preemption policy",
            High() with { PreemptionPolicy = "Sometimes" },
            ["preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\""]
        },
        { "an empty preemption policy", High() with { PreemptionPolicy = "" }, ["preemptionPolicy: Required value"] },
        { "a namespace on a cluster-scoped object", High() with { Metadata = ObjectMeta.Named("node-agents", "logging") }, ["metadata.namespace: Forbidden: not allowed on this type"] },
    };

    [Theory]
    [MemberData(nameof(PriorityClassCases))]
    public void ValidatePriorityClass_Class_ReportsKubernetesErrors(string description, PriorityClass pc, string[] expected)
    {
        Render(ObjectValidation.ValidatePriorityClass(pc)).ShouldBe(expected, description);
    }

    public static TheoryData<string, Func<PriorityClass, PriorityClass>, string[]> PriorityClassUpdateCases => new()
    {
        { "a new description", pc => pc with { Description = "for node agents" }, [] },
        { "becoming the global default", pc => pc with { GlobalDefault = true }, [] },
        { "a new value", pc => pc with { Value = 2_000_000 }, ["value: Forbidden: may not be changed in an update."] },
        { "a new preemption policy", pc => pc with { PreemptionPolicy = PreemptionPolicy.Never }, ["preemptionPolicy: Invalid value: \"Never\": field is immutable"] },
        { "a new name", pc => pc with { Metadata = ObjectMeta.Named("agents") }, ["metadata.name: Invalid value: \"agents\": field is immutable"] },
    };

    [Theory]
    [MemberData(nameof(PriorityClassUpdateCases))]
    public void ValidatePriorityClassUpdate_Change_ReportsKubernetesErrors(string description, Func<PriorityClass, PriorityClass> change, string[] expected)
    {
        var old = High();

        Render(ObjectValidation.ValidatePriorityClassUpdate(change(old), old)).ShouldBe(expected, description);
    }
}
