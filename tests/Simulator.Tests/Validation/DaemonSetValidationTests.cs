using Simulator.Model;
using Simulator.Validation;
using static Simulator.Tests.Validation.ValidationFixtures;

namespace Simulator.Tests.Validation;

// Expectations come from Kubernetes' pkg/apis/apps/validation (ValidateDaemonSet, ValidateDaemonSetUpdate and their
// tests) and the DaemonSet REST strategy, rendered as a v1.32/v1.33 API server prints them.
public class DaemonSetValidationTests
{
    private const string Mismatch = "spec.template.metadata.labels: Invalid value: map[string]string{\"name\":\"fluentd\"}: `selector` does not match template `labels`";

    public static TheoryData<string, Func<DaemonSet, DaemonSet>> ValidCases => new()
    {
        { "the seed guide's fluentd DaemonSet", ds => ds },
        { "the seed guide's fluentd DaemonSet with node affinity", _ => FluentdWithAffinity() },
        { "an OnDelete update strategy", ds => ds with { Spec = ds.Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.OnDelete } } } },
        { "surging one pod with maxUnavailable written as 0", ds => WithRollingUpdate(ds, 0, 1) },
        { "a percentage budget", ds => WithRollingUpdate(ds, "10%", 0) },
        { "100% is allowed", ds => WithRollingUpdate(ds, "100%", "0%") },
        { "a revisionHistoryLimit of 0", ds => ds with { Spec = ds.Spec with { RevisionHistoryLimit = 0 } } },
        {
            "a selector with a matching In expression",
            ds => ds with
            {
                Spec = ds.Spec with
                {
                    Selector = new LabelSelector
                    {
                        MatchLabels = StringMap.Of("name", "fluentd"),
                        MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("name", SelectorOperator.In, "fluentd", "fluent-bit")),
                    },
                },
            }
        },
        { "template labels that are a superset of the selector", ds => ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd", "tier", "logging") } } } } },
        { "a hostNetwork template that leaves hostPort to the pod's defaulting", ds => WithPodSpec(ds, s => WithContainer(s with { HostNetwork = true }, c => c with { Ports = EquatableArray.Create(new ContainerPort(24224)) })) },
    };

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void ValidateDaemonSet_ValidObject_NoErrors(string description, Func<DaemonSet, DaemonSet> change)
    {
        var errors = ObjectValidation.ValidateDaemonSet(change(DefaultedFluentd()));

        Render(errors).ShouldBeEmpty(description);
    }

    public static TheoryData<string, Func<DaemonSet, DaemonSet>, string[]> InvalidCases => new()
    {
        {
            "a name that is not a DNS subdomain",
            ds => ds with { Metadata = ds.Metadata with { Name = "Fluentd" } },
            [$"metadata.name: Invalid value: \"Fluentd\": {Subdomain}"]
        },
        {
            "no name",
            ds => ds with { Metadata = ds.Metadata with { Name = "" } },
            ["metadata.name: Required value: name or generateName is required"]
        },
        {
            "no namespace",
            ds => ds with { Metadata = ds.Metadata with { Namespace = "" } },
            ["metadata.namespace: Required value"]
        },
        {
            "a label key that is not a qualified name",
            ds => ds with { Metadata = ds.Metadata with { Labels = StringMap.Of("NoUppercaseOrSpecialCharsLike=Equals", "bar") } },
            [$"metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": {NamePart}"]
        },
        {
            "an annotation key that is not a qualified name",
            ds => ds with { Metadata = ds.Metadata with { Annotations = StringMap.Of("NoUppercaseOrSpecialCharsLike=Equals", "bar") } },
            [$"metadata.annotations: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": {NamePart}"]
        },
        {
            "a missing (nil) selector matches nothing, so it fails only as a mismatch",
            ds => ds with { Spec = ds.Spec with { Selector = null } },
            [Mismatch]
        },
        {
            "an empty selector",
            ds => ds with { Spec = ds.Spec with { Selector = new LabelSelector() } },
            ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"]
        },
        {
            "a selector that does not match the template labels",
            ds => ds with { Spec = ds.Spec with { Selector = LabelSelector.ForLabels("name", "fluent-bit") } },
            [Mismatch]
        },
        {
            "template without labels under a selector",
            ds => ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Metadata = new ObjectMeta() } } },
            ["spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"]
        },
        {
            "a selector with an operator label selectors lack; an invalid selector is not compared with the labels",
            ds => ds with { Spec = ds.Spec with { Selector = new LabelSelector { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("name", SelectorOperator.Gt, "1")) } } },
            ["spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator"]
        },
        {
            "a selector In expression without values",
            ds => ds with { Spec = ds.Spec with { Selector = new LabelSelector { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("name", SelectorOperator.In)) } } },
            ["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        },
        {
            "a selector Exists expression with values",
            ds => ds with { Spec = ds.Spec with { Selector = new LabelSelector { MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("name", SelectorOperator.Exists, "fluentd")) } } },
            ["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        },
        {
            "a selector label value that is not a label value",
            ds => ds with { Spec = ds.Spec with { Selector = LabelSelector.ForLabels("name", "fluentd!") } },
            [$"spec.selector.matchLabels: Invalid value: \"fluentd!\": {LabelValue}"]
        },
        {
            "a template label key that is not a qualified name, reported at template.labels",
            ds => ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd", "NoUppercaseOrSpecialCharsLike=Equals", "b") } } } },
            [$"spec.template.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": {NamePart}"]
        },
        {
            "a template without containers",
            ds => WithPodSpec(ds, s => s with { Containers = default }),
            ["spec.template.spec.containers: Required value"]
        },
        {
            "restartPolicy Never",
            ds => WithPodSpec(ds, s => s with { RestartPolicy = RestartPolicy.Never }),
            ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""]
        },
        {
            "restartPolicy OnFailure",
            ds => WithPodSpec(ds, s => s with { RestartPolicy = RestartPolicy.OnFailure }),
            ["spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""]
        },
        {
            "an activeDeadlineSeconds",
            ds => WithPodSpec(ds, s => s with { ActiveDeadlineSeconds = 60 }),
            ["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"]
        },
        {
            "a negative minReadySeconds",
            ds => ds with { Spec = ds.Spec with { MinReadySeconds = -1 } },
            ["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"]
        },
        {
            "a negative revisionHistoryLimit",
            ds => ds with { Spec = ds.Spec with { RevisionHistoryLimit = -1 } },
            ["spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"]
        },
        {
            "an unknown update strategy type",
            ds => ds with { Spec = ds.Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = "Recreate" } } },
            ["spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Recreate\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\""]
        },
        {
            "RollingUpdate without its rollingUpdate block (possible only without defaulting)",
            ds => ds with { Spec = ds.Spec with { UpdateStrategy = new DaemonSetUpdateStrategy { Type = DaemonSetUpdateStrategyType.RollingUpdate } } },
            ["spec.updateStrategy.rollingUpdate: Required value"]
        },
        {
            "a negative maxUnavailable",
            ds => WithRollingUpdate(ds, -1, 0),
            ["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"]
        },
        {
            "a maxUnavailable that is not a percentage, which then also counts as zero",
            ds => WithRollingUpdate(ds, "20Percent", 0),
            [
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 20Percent: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ]
        },
        {
            "a maxUnavailable over 100%",
            ds => WithRollingUpdate(ds, "110%", 0),
            ["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%"]
        },
        {
            "a maxSurge over 100%",
            ds => WithRollingUpdate(ds, 0, "110%"),
            ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 110%: must not be greater than 100%"]
        },
        {
            "both maxUnavailable and maxSurge non-zero",
            ds => WithRollingUpdate(ds, 1, 1),
            ["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]
        },
        {
            "both zero, with 0% counting as zero",
            ds => WithRollingUpdate(ds, 0, "0%"),
            ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]
        },
        {
            "a pod template error is reported under spec.template.spec",
            ds => WithPodSpec(ds, s => WithContainer(s, c => c with { Image = "" })),
            ["spec.template.spec.containers[0].image: Required value"]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void ValidateDaemonSet_InvalidObject_ReportsKubernetesErrors(string description, Func<DaemonSet, DaemonSet> change, string[] expected)
    {
        var errors = ObjectValidation.ValidateDaemonSet(change(DefaultedFluentd()));

        Render(errors).ShouldBe(expected, description);
    }

    public static TheoryData<string, Func<DaemonSet, DaemonSet>, string[]> UpdateCases => new()
    {
        {
            "a new image is a valid update",
            ds => WithPodSpec(ds, s => WithContainer(s, c => c with { Image = "quay.io/fluentd_elasticsearch/fluentd:v2.6.0" })),
            []
        },
        {
            "a changed selector, even with matching template labels",
            ds => ds with
            {
                Spec = ds.Spec with
                {
                    Selector = LabelSelector.ForLabels("name", "fluentd2"),
                    Template = ds.Spec.Template with { Metadata = new ObjectMeta { Labels = StringMap.Of("name", "fluentd2") } },
                },
            },
            ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"name\":\"fluentd2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]
        },
        {
            "a selector that gains an expression also reports the mismatch first",
            ds => ds with
            {
                Spec = ds.Spec with
                {
                    Selector = new LabelSelector
                    {
                        MatchLabels = StringMap.Of("name", "fluentd"),
                        MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("tier", SelectorOperator.In, "logging")),
                    },
                },
            },
            [
                Mismatch,
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"name\":\"fluentd\"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string{\"logging\"}}}}: field is immutable",
            ]
        },
        {
            "a renamed DaemonSet",
            ds => ds with { Metadata = ds.Metadata with { Name = "fluentd2" } },
            ["metadata.name: Invalid value: \"fluentd2\": field is immutable"]
        },
        {
            "an update is validated as on create",
            ds => ds with { Spec = ds.Spec with { MinReadySeconds = -5 } },
            ["spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"]
        },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void ValidateDaemonSetUpdate_Change_ReportsKubernetesErrors(string description, Func<DaemonSet, DaemonSet> change, string[] expected)
    {
        var old = DefaultedFluentd();

        var errors = ObjectValidation.ValidateDaemonSetUpdate(change(old), old);

        Render(errors).ShouldBe(expected, description);
    }

    [Fact]
    public void ValidateDaemonSet_SeveralProblems_ReportsEveryErrorInKubernetesOrder()
    {
        var ds = DefaultedFluentd();
        ds = ds with
        {
            Metadata = ds.Metadata with { Namespace = "" },
            Spec = ds.Spec with { Selector = null, MinReadySeconds = -1 },
        };
        ds = WithPodSpec(ds, s => s with { RestartPolicy = RestartPolicy.Never });

        Render(ObjectValidation.ValidateDaemonSet(ds)).ShouldBe(
        [
            "metadata.namespace: Required value",
            Mismatch,
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
        ]);
    }
}
