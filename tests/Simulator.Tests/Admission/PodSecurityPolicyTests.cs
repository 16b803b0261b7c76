using Simulator.Admission;
using Simulator.Model;
using Simulator.Tests.Support;
using static Simulator.Tests.Admission.PodSecurityFixtures;

namespace Simulator.Tests.Admission;

// Level composition and versions follow policy/registry.go (baseline IDs sorted, then restricted IDs sorted, overridden
// baseline checks dropped); messages follow admission/admission.go and apierrors.NewForbidden.
public class PodSecurityPolicyTests
{
    private static PodSpec FluentdSpec => Fixtures.Fluentd().Spec.Template.Spec;

    private static PodSpec Dangerous => Spec(Plain("app", new SecurityContext
    {
        Privileged = true,
        Capabilities = Caps(["SYS_ADMIN"], []),
        SeccompProfile = new SeccompProfile("Unconfined"),
        RunAsUser = 0,
    }) with { Ports = EquatableArray.Create(new ContainerPort(80, 80)) })
        .WithVolumes(new Volume { Name = "root", HostPath = "/" }) with { HostNetwork = true, HostPid = true };

    [Fact]
    public void Check_Privileged_RunsNoChecks()
    {
        PodSecurity.Check(PodSecurityLevel.Privileged, Dangerous).ShouldBeEmpty();
    }

    [Fact]
    public void Check_BaselineOnFluentd_OnlyTheHostPathFails()
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, FluentdSpec).ShouldBe([new PodSecurityViolation("hostPath volumes", "volume \"varlog\"")]);
    }

    [Fact]
    public void Check_RestrictedOnFluentd_ReportsRestrictedChecksInIdOrderAndNotTheBaselineHostPathCheck()
    {
        const string name = "\"fluentd-elasticsearch\"";
        PodSecurity.Check(PodSecurityLevel.Restricted, FluentdSpec).ShouldBe(
        [
            new("allowPrivilegeEscalation != false", $"container {name} must set securityContext.allowPrivilegeEscalation=false"),
            new("unrestricted capabilities", $"container {name} must set securityContext.capabilities.drop=[\"ALL\"]"),
            new("restricted volume types", "volume \"varlog\" uses restricted volume type \"hostPath\""),
            new("runAsNonRoot != true", $"pod or container {name} must set securityContext.runAsNonRoot=true"),
            new("seccompProfile", $"pod or container {name} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""),
        ]);
    }

    [Fact]
    public void Check_BaselineOnDangerousPod_ReportsBaselineChecksInIdOrder()
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, Dangerous).Select(v => v.Reason)
            .ShouldBe(["non-default capabilities", "host namespaces", "hostPath volumes", "hostPort", "privileged", "seccompProfile"]);
    }

    [Fact]
    public void Check_RestrictedOnDangerousPod_BaselineChecksFirstThenRestrictedWithOverridesReplaced()
    {
        var violations = PodSecurity.Check(PodSecurityLevel.Restricted, Dangerous);

        violations.Select(v => v.Reason).ShouldBe(
        [
            "host namespaces", "hostPort", "privileged",
            "allowPrivilegeEscalation != false", "unrestricted capabilities", "restricted volume types", "runAsNonRoot != true", "runAsUser=0", "seccompProfile",
        ]);
        violations.Single(v => v.Reason == "seccompProfile").Detail.ShouldBe("container \"app\" must not set securityContext.seccompProfile.type to \"Unconfined\"");
    }

    public static TheoryData<string, PodSpec> CompositionCases => new()
    {
        { "a plain pod", Spec(Plain()) },
        { "the fluentd template", FluentdSpec },
        { "a pod failing every modelled check", Dangerous },
        { "a restricted-clean pod", Spec(Hardened()) },
        { "a restricted-clean pod on the host network", Spec(Hardened()) with { HostNetwork = true } },
    };

    [Theory]
    [MemberData(nameof(CompositionCases))]
    public void Check_Restricted_IncludesEveryBaselineFailureUnderItsOwnOrAReplacingReason(string description, PodSpec spec)
    {
        var replaced = new Dictionary<string, string>
        {
            ["hostPath volumes"] = "restricted volume types",
            ["non-default capabilities"] = "unrestricted capabilities",
            ["seccompProfile"] = "seccompProfile",
        };
        var restricted = PodSecurity.Check(PodSecurityLevel.Restricted, spec).Select(v => v.Reason).ToHashSet();

        foreach (var violation in PodSecurity.Check(PodSecurityLevel.Baseline, spec))
        {
            restricted.ShouldContain(replaced.GetValueOrDefault(violation.Reason, violation.Reason), description);
        }

        if (PodSecurity.Check(PodSecurityLevel.Restricted, spec).Count == 0)
        {
            PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBeEmpty(description);
        }
    }

    public static TheoryData<string, string, PodSpec, string[]> VersionCases => new()
    {
        { "root is allowed before runAsUser arrived in 1.23", "v1.22", Spec(Hardened("app", c => c with { RunAsUser = 0 })), [] },
        { "root is forbidden from 1.23", "v1.23", Spec(Hardened("app", c => c with { RunAsUser = 0 })), ["runAsUser=0"] },
        { "before 1.22 restricted still uses the baseline capabilities check", "v1.21", Spec(Hardened("app", c => c with { Capabilities = Caps(["SYS_ADMIN"], []) })), ["non-default capabilities"] },
        { "from 1.22 the restricted capabilities check replaces it", "v1.22", Spec(Hardened("app", c => c with { Capabilities = Caps(["SYS_ADMIN"], []) })), ["unrestricted capabilities"] },
        { "before 1.19 seccomp lived in annotations, which a spec lacks", "v1.18", Spec(Hardened("app", c => c with { SeccompProfile = new SeccompProfile("Unconfined") })), [] },
        { "before 1.8 allowPrivilegeEscalation was not checked", "v1.7", Spec(Hardened("app", c => c with { AllowPrivilegeEscalation = true })), [] },
        { "a future version behaves as latest", "v1.99", Spec(Hardened("app", c => c with { RunAsUser = 0 })), ["runAsUser=0"] },
        { "hostPath is restricted at every version", "v1.0", Spec(Hardened()).WithVolumes(new Volume { Name = "v", HostPath = "/v" }), ["restricted volume types"] },
    };

    [Theory]
    [MemberData(nameof(VersionCases))]
    public void Check_RestrictedAtVersion_AppliesChecksFromTheirFirstVersion(string description, string version, PodSpec spec, string[] reasons)
    {
        PodSecurity.Check(new PodSecurityMode(PodSecurityLevel.Restricted, version), spec).Select(v => v.Reason).ShouldBe(reasons, description);
    }

    [Fact]
    public void Check_InvalidVersion_Throws()
    {
        Should.Throw<ArgumentException>(() => PodSecurity.Check(new PodSecurityMode(PodSecurityLevel.Baseline, "1.25"), Spec(Plain())));
    }

    [Fact]
    public void ForbiddenMessage_FluentdAgainstBaseline_MatchesKubernetes()
    {
        var mode = PodSecurityMode.Latest(PodSecurityLevel.Baseline);

        PodSecurity.ForbiddenMessage("fluentd-abcde", mode, PodSecurity.Check(mode, FluentdSpec))
            .ShouldBe("pods \"fluentd-abcde\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes (volume \"varlog\")");
    }

    [Fact]
    public void Describe_TwoViolations_JoinsWithCommaAndParenthesisedDetails()
    {
        var spec = FluentdSpec with { HostNetwork = true };

        PodSecurity.Describe(PodSecurityMode.Latest(PodSecurityLevel.Baseline), PodSecurity.Check(PodSecurityLevel.Baseline, spec))
            .ShouldBe("\"baseline:latest\": host namespaces (hostNetwork=true), hostPath volumes (volume \"varlog\")");
    }

    [Fact]
    public void WarningMessage_PlainNginxAgainstRestricted_MatchesKubectlWarning()
    {
        var spec = Spec(Plain("nginx"));

        PodSecurity.WarningMessage(PodSecurityMode.Latest(PodSecurityLevel.Restricted), PodSecurity.Check(PodSecurityLevel.Restricted, spec)).ShouldBe(
            "would violate PodSecurity \"restricted:latest\": " +
            "allowPrivilegeEscalation != false (container \"nginx\" must set securityContext.allowPrivilegeEscalation=false), " +
            "unrestricted capabilities (container \"nginx\" must set securityContext.capabilities.drop=[\"ALL\"]), " +
            "runAsNonRoot != true (pod or container \"nginx\" must set securityContext.runAsNonRoot=true), " +
            "seccompProfile (pod or container \"nginx\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
    }

    public static TheoryData<string, PodSecurityMode, PodSecurityViolation[], string> DescribeCases => new()
    {
        { "a pinned version is printed as written", new(PodSecurityLevel.Restricted, "v1.24"), [new("runAsUser=0", "pod must not set runAsUser=0")], "\"restricted:v1.24\": runAsUser=0 (pod must not set runAsUser=0)" },
        { "an empty detail prints the reason alone", PodSecurityMode.Latest(PodSecurityLevel.Baseline), [new("host ports", ""), new("privileged", "")], "\"baseline:latest\": host ports, privileged" },
        { "an empty reason prints Kubernetes' placeholder", PodSecurityMode.Latest(PodSecurityLevel.Baseline), [new("", "x")], "\"baseline:latest\": unknown forbidden reason (x)" },
    };

    [Theory]
    [MemberData(nameof(DescribeCases))]
    public void Describe_Violations_RendersAsKubernetes(string description, PodSecurityMode mode, PodSecurityViolation[] violations, string expected)
    {
        PodSecurity.Describe(mode, violations).ShouldBe(expected, description);
    }

    [Fact]
    public void Describe_NoViolations_Throws()
    {
        Should.Throw<ArgumentException>(() => PodSecurity.Describe(PodSecurityMode.Latest(PodSecurityLevel.Baseline), []));
    }
}
