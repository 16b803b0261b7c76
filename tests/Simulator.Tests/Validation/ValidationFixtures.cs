using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Tests.Validation;

/// <summary>Objects the validation tests start from, and Kubernetes' message texts they expect.</summary>
internal static class ValidationFixtures
{
    public const string Subdomain =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string Dns1123Label =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string NamePart =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    public const string QualifiedName =
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    public const string LabelValue =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>
    /// The fluentd DaemonSet of the seed guide (daemonset-guide.zh.md), as submitted: no update strategy, no history limit.
    /// </summary>
    public static DaemonSet Fluentd() => Support.Fixtures.Fluentd();

    /// <summary>The fluentd DaemonSet after the API server's defaulting.</summary>
    public static DaemonSet DefaultedFluentd() => Defaults.Apply(Fluentd());

    /// <summary>The seed guide's second variant: required node affinity on <c>type In (platform-tools)</c> and a preferred term.</summary>
    public static DaemonSet FluentdWithAffinity() => WithPodSpec(DefaultedFluentd(), spec => spec with
    {
        Affinity = new Affinity
        {
            NodeAffinity = new NodeAffinity
            {
                Required = NodeSelector.Of(new NodeSelectorTerm
                {
                    MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("type", SelectorOperator.In, "platform-tools")),
                }),
                Preferred = EquatableArray.Create(new PreferredSchedulingTerm(1, new NodeSelectorTerm
                {
                    MatchExpressions = EquatableArray.Create(SelectorRequirement.Of("instance-type", SelectorOperator.In, "t2.large")),
                })),
            },
        },
    });

    public static Container FluentdContainer() => Support.Fixtures.Fluentd().Spec.Template.Spec.Containers[0];

    /// <summary>A pod made from the fluentd template, as the controller would create it, before defaulting.</summary>
    public static Pod FluentdPod() => new()
    {
        Metadata = new ObjectMeta { Name = "fluentd-x7k2p", Namespace = "logging", Labels = StringMap.Of("name", "fluentd") },
        Spec = Fluentd().Spec.Template.Spec,
    };

    public static DaemonSet WithPodSpec(DaemonSet ds, Func<PodSpec, PodSpec> change) =>
        ds with { Spec = ds.Spec with { Template = ds.Spec.Template with { Spec = change(ds.Spec.Template.Spec) } } };

    public static PodSpec WithContainer(PodSpec spec, Func<Container, Container> change) =>
        spec with { Containers = EquatableArray.Create(change(spec.Containers[0])) };

    public static DaemonSet WithRollingUpdate(DaemonSet ds, IntOrString? maxUnavailable, IntOrString? maxSurge) =>
        ds with
        {
            Spec = ds.Spec with
            {
                UpdateStrategy = new DaemonSetUpdateStrategy
                {
                    Type = DaemonSetUpdateStrategyType.RollingUpdate,
                    RollingUpdate = new RollingUpdateDaemonSet { MaxUnavailable = maxUnavailable, MaxSurge = maxSurge },
                },
            },
        };

    public static string[] Render(IReadOnlyList<FieldError> errors) => errors.Select(e => e.ToString()).ToArray();
}
