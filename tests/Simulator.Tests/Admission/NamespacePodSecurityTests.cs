using Simulator.Admission;
using Simulator.Model;

namespace Simulator.Tests.Admission;

// Expectations come from api.PolicyToEvaluate, ParseLevel and ParseVersion (k8s.io/pod-security-admission/api/helpers.go):
// an invalid enforce level fails closed, invalid audit and warn levels fail open, an invalid version means latest.
public class NamespacePodSecurityTests
{
    private const string LevelError = "must be one of privileged, baseline, restricted";
    private const string VersionError = "must be \"latest\" or \"v1.x\"";

    public static TheoryData<string, string[], string, string, string, string[]> LabelCases => new()
    {
        { "no labels", [], "privileged:latest", "privileged:latest", "privileged:latest", [] },
        { "unrelated labels", ["kubernetes.io/metadata.name", "logging"], "privileged:latest", "privileged:latest", "privileged:latest", [] },
        { "enforce baseline", ["pod-security.kubernetes.io/enforce", "baseline"], "baseline:latest", "privileged:latest", "privileged:latest", [] },
        {
            "all three with versions",
            [
                "pod-security.kubernetes.io/enforce", "baseline", "pod-security.kubernetes.io/enforce-version", "v1.30",
                "pod-security.kubernetes.io/audit", "restricted", "pod-security.kubernetes.io/audit-version", "latest",
                "pod-security.kubernetes.io/warn", "restricted", "pod-security.kubernetes.io/warn-version", "v1.0",
            ],
            "baseline:v1.30", "restricted:latest", "restricted:v1.0", []
        },
        { "a version without a level keeps the privileged default", ["pod-security.kubernetes.io/warn-version", "v1.25"], "privileged:latest", "privileged:latest", "privileged:v1.25", [] },
        {
            "an invalid enforce level fails closed to restricted",
            ["pod-security.kubernetes.io/enforce", "strict"],
            "restricted:latest", "privileged:latest", "privileged:latest",
            ["metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": " + LevelError]
        },
        {
            "levels are case-sensitive",
            ["pod-security.kubernetes.io/enforce", "Baseline"],
            "restricted:latest", "privileged:latest", "privileged:latest",
            ["metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"Baseline\": " + LevelError]
        },
        {
            "invalid audit and warn levels fail open to privileged",
            ["pod-security.kubernetes.io/audit", "", "pod-security.kubernetes.io/warn", "restrictive"],
            "privileged:latest", "privileged:latest", "privileged:latest",
            ["metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: \"\": " + LevelError, "metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: \"restrictive\": " + LevelError]
        },
        {
            "invalid versions fall back to latest, errors in enforce, audit, warn order",
            [
                "pod-security.kubernetes.io/enforce", "baseline", "pod-security.kubernetes.io/enforce-version", "1.25",
                "pod-security.kubernetes.io/audit", "baseline", "pod-security.kubernetes.io/audit-version", "v1.05",
                "pod-security.kubernetes.io/warn", "baseline", "pod-security.kubernetes.io/warn-version", "v2.0",
            ],
            "baseline:latest", "baseline:latest", "baseline:latest",
            [
                "metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.25\": " + VersionError,
                "metadata.labels[pod-security.kubernetes.io/audit-version]: Invalid value: \"v1.05\": " + VersionError,
                "metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: \"v2.0\": " + VersionError,
            ]
        },
        {
            "a trailing newline is not a version, though .NET's $ would allow it",
            ["pod-security.kubernetes.io/enforce", "baseline", "pod-security.kubernetes.io/enforce-version", "v1.25\n"],
            "baseline:latest", "privileged:latest", "privileged:latest",
            ["metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"v1.25\\n\": " + VersionError]
        },
        {
            "a minor that overflows is invalid, as Go's Atoi fails",
            ["pod-security.kubernetes.io/enforce", "baseline", "pod-security.kubernetes.io/enforce-version", "v1.99999999999999999999"],
            "baseline:latest", "privileged:latest", "privileged:latest",
            ["metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"v1.99999999999999999999\": " + VersionError]
        },
    };

    [Theory]
    [MemberData(nameof(LabelCases))]
    public void FromLabels_Labels_ResolvesModesAsKubernetes(string description, string[] labels, string enforce, string audit, string warn, string[] errors)
    {
        var policy = NamespacePodSecurity.FromLabels(StringMap.Of(labels), out var found);

        new[] { policy.Enforce.ToString(), policy.Audit.ToString(), policy.Warn.ToString() }.ShouldBe([enforce, audit, warn], description);
        found.Select(e => e.ToString()).ShouldBe(errors, description);
        NamespacePodSecurity.FromLabels(StringMap.Of(labels)).ShouldBe(policy, description);
    }

    [Fact]
    public void FromLabels_NoLabels_IsTheDefault()
    {
        NamespacePodSecurity.FromLabels(StringMap.Empty).ShouldBe(NamespacePodSecurity.Default);
    }
}
