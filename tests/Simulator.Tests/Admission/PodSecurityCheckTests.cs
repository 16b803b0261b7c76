using Simulator.Admission;
using Simulator.Model;
using static Simulator.Tests.Admission.PodSecurityFixtures;

namespace Simulator.Tests.Admission;

// Expectations come from k8s.io/pod-security-admission/policy/check_*.go: reasons, details, pluralisation and set ordering.
// Baseline tables start from a plain pod (baseline-clean); restricted tables start from a restricted-clean pod, so each row
// shows exactly the one check it is about.
public class PodSecurityCheckTests
{
    public static TheoryData<string, PodSpec, string?> HostNamespacesCases => new()
    {
        { "no host namespaces", Spec(Plain()), null },
        { "the host network", Spec(Plain()) with { HostNetwork = true }, "hostNetwork=true" },
        { "the host PID namespace", Spec(Plain()) with { HostPid = true }, "hostPID=true" },
        { "all three, in network, PID, IPC order", Spec(Plain()) with { HostIpc = true, HostPid = true, HostNetwork = true }, "hostNetwork=true, hostPID=true, hostIPC=true" },
    };

    [Theory]
    [MemberData(nameof(HostNamespacesCases))]
    public void Check_HostNamespaces_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("host namespaces", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> PrivilegedCases => new()
    {
        { "no security context", Spec(Plain()), null },
        { "privileged=false", Spec(Plain("app", new SecurityContext { Privileged = false })), null },
        { "one privileged container", Spec(Plain("x", new SecurityContext { Privileged = true })), "container \"x\" must not set securityContext.privileged=true" },
        {
            "a privileged init container comes before a privileged container",
            Spec(Plain("main", new SecurityContext { Privileged = true })).WithInit(Plain("setup", new SecurityContext { Privileged = true })),
            "containers \"setup\", \"main\" must not set securityContext.privileged=true"
        },
    };

    [Theory]
    [MemberData(nameof(PrivilegedCases))]
    public void Check_Privileged_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("privileged", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> BaselineCapabilitiesCases => new()
    {
        { "no capabilities", Spec(Plain()), null },
        { "adding default capabilities", Spec(Plain("app", new SecurityContext { Capabilities = Caps(["CHOWN", "NET_BIND_SERVICE", "SYS_CHROOT"], []) })), null },
        { "dropping anything", Spec(Plain("app", new SecurityContext { Capabilities = Caps([], ["ALL", "SYS_ADMIN"]) })), null },
        {
            "adding NET_RAW, which runtimes no longer grant",
            Spec(Plain("app", new SecurityContext { Capabilities = Caps(["NET_RAW"], []) })),
            "container \"app\" must not include \"NET_RAW\" in securityContext.capabilities.add"
        },
        {
            "capabilities of two containers are merged, deduplicated and sorted",
            Spec(
                Plain("a", new SecurityContext { Capabilities = Caps(["SYS_ADMIN", "CHOWN", "NET_ADMIN"], []) }),
                Plain("b", new SecurityContext { Capabilities = Caps(["NET_ADMIN"], []) })),
            "containers \"a\", \"b\" must not include \"NET_ADMIN\", \"SYS_ADMIN\" in securityContext.capabilities.add"
        },
        { "names are case-sensitive", Spec(Plain("app", new SecurityContext { Capabilities = Caps(["chown"], []) })), "container \"app\" must not include \"chown\" in securityContext.capabilities.add" },
    };

    [Theory]
    [MemberData(nameof(BaselineCapabilitiesCases))]
    public void Check_BaselineCapabilities_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("non-default capabilities", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> HostPathCases => new()
    {
        { "no volumes", Spec(Plain()), null },
        { "emptyDir, configMap and secret volumes", Spec(Plain()).WithVolumes(new Volume { Name = "cache", EmptyDir = true }, new Volume { Name = "cfg", ConfigMap = "cfg" }, new Volume { Name = "tls", Secret = "tls" }), null },
        { "the fluentd hostPath", Spec(Plain()).WithVolumes(new Volume { Name = "varlog", HostPath = "/var/log" }), "volume \"varlog\"" },
        {
            "two hostPaths in spec order",
            Spec(Plain()).WithVolumes(new Volume { Name = "varlog", HostPath = "/var/log" }, new Volume { Name = "cache", EmptyDir = true }, new Volume { Name = "docker", HostPath = "/var/lib/docker" }),
            "volumes \"varlog\", \"docker\""
        },
    };

    [Theory]
    [MemberData(nameof(HostPathCases))]
    public void Check_HostPathVolumes_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("hostPath volumes", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> HostPortCases => new()
    {
        { "a container port without a host port", Spec(Plain() with { Ports = EquatableArray.Create(new ContainerPort(8080)) }), null },
        { "one host port", Spec(Plain("web") with { Ports = EquatableArray.Create(new ContainerPort(80, 80)) }), "container \"web\" uses hostPort 80" },
        {
            "ports sort as strings, so 10000 precedes 80, and repeats collapse",
            Spec(
                Plain("web") with { Ports = EquatableArray.Create(new ContainerPort(80, 80), new ContainerPort(10000, 10000)) },
                Plain("sidecar") with { Ports = EquatableArray.Create(new ContainerPort(80, 80, PortProtocol.Udp)) }),
            "containers \"web\", \"sidecar\" use hostPorts 10000, 80"
        },
        {
            "one container with two host ports",
            Spec(Plain("web") with { Ports = EquatableArray.Create(new ContainerPort(443, 8443), new ContainerPort(80, 8080)) }),
            "container \"web\" uses hostPorts 8080, 8443"
        },
    };

    [Theory]
    [MemberData(nameof(HostPortCases))]
    public void Check_HostPorts_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("hostPort", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> BaselineSeccompCases => new()
    {
        { "no profile at all is fine at baseline", Spec(Plain()), null },
        { "RuntimeDefault on the pod", Spec(Plain()).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("RuntimeDefault") }), null },
        { "Localhost on a container", Spec(Plain("app", new SecurityContext { SeccompProfile = new SeccompProfile("Localhost", "profiles/audit.json") })), null },
        {
            "Unconfined on the pod",
            Spec(Plain()).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("Unconfined") }),
            "pod must not set securityContext.seccompProfile.type to \"Unconfined\""
        },
        {
            "Unconfined on the pod and a container",
            Spec(Plain("app", new SecurityContext { SeccompProfile = new SeccompProfile("Unconfined") })).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("Unconfined") }),
            "pod and container \"app\" must not set securityContext.seccompProfile.type to \"Unconfined\""
        },
        {
            "two containers, values deduplicated and sorted",
            Spec(
                Plain("a", new SecurityContext { SeccompProfile = new SeccompProfile("Unconfined") }),
                Plain("b", new SecurityContext { SeccompProfile = new SeccompProfile("Bogus") })),
            "containers \"a\", \"b\" must not set securityContext.seccompProfile.type to \"Bogus\", \"Unconfined\""
        },
    };

    [Theory]
    [MemberData(nameof(BaselineSeccompCases))]
    public void Check_BaselineSeccomp_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Baseline, spec).ShouldBe(Expect("seccompProfile", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> AllowPrivilegeEscalationCases => new()
    {
        { "false on every container", Spec(Hardened()), null },
        { "unset", Spec(Hardened("x", c => c with { AllowPrivilegeEscalation = null })), "container \"x\" must set securityContext.allowPrivilegeEscalation=false" },
        {
            "true on an init container and unset on a container",
            Spec(Hardened("main", c => c with { AllowPrivilegeEscalation = null })).WithInit(Hardened("init", c => c with { AllowPrivilegeEscalation = true })),
            "containers \"init\", \"main\" must set securityContext.allowPrivilegeEscalation=false"
        },
    };

    [Theory]
    [MemberData(nameof(AllowPrivilegeEscalationCases))]
    public void Check_AllowPrivilegeEscalation_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("allowPrivilegeEscalation != false", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> RestrictedCapabilitiesCases => new()
    {
        { "drop ALL", Spec(Hardened()), null },
        { "drop ALL and add NET_BIND_SERVICE", Spec(Hardened("app", c => c with { Capabilities = Caps(["NET_BIND_SERVICE"], ["ALL"]) })), null },
        { "no capabilities", Spec(Hardened("app", c => c with { Capabilities = null })), "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]" },
        { "dropping all in lower case is not dropping ALL", Spec(Hardened("app", c => c with { Capabilities = Caps([], ["all"]) })), "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]" },
        {
            "adding a default capability, which baseline would allow",
            Spec(Hardened("app", c => c with { Capabilities = Caps(["CHOWN"], ["ALL"]) })),
            "container \"app\" must not include \"CHOWN\" in securityContext.capabilities.add"
        },
        {
            "both problems, joined by a semicolon",
            Spec(
                Hardened("a", c => c with { Capabilities = Caps(["SYS_ADMIN", "NET_BIND_SERVICE"], []) }),
                Hardened("b", c => c with { Capabilities = Caps(["CHOWN"], ["ALL"]) })),
            "container \"a\" must set securityContext.capabilities.drop=[\"ALL\"]; containers \"a\", \"b\" must not include \"CHOWN\", \"SYS_ADMIN\" in securityContext.capabilities.add"
        },
    };

    [Theory]
    [MemberData(nameof(RestrictedCapabilitiesCases))]
    public void Check_RestrictedCapabilities_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("unrestricted capabilities", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> RestrictedVolumeCases => new()
    {
        {
            "configMap, emptyDir and secret",
            Spec(Hardened()).WithVolumes(new Volume { Name = "cache", EmptyDir = true }, new Volume { Name = "cfg", ConfigMap = "cfg" }, new Volume { Name = "tls", Secret = "tls" }),
            null
        },
        { "a volume with no modelled source stands for an allowed type (PVC, projected, ...)", Spec(Hardened()).WithVolumes(new Volume { Name = "data" }), null },
        { "a hostPath", Spec(Hardened()).WithVolumes(new Volume { Name = "varlog", HostPath = "/var/log" }), "volume \"varlog\" uses restricted volume type \"hostPath\"" },
        {
            "two hostPaths share one type",
            Spec(Hardened()).WithVolumes(new Volume { Name = "varlog", HostPath = "/var/log" }, new Volume { Name = "docker", HostPath = "/var/lib/docker" }),
            "volumes \"varlog\", \"docker\" use restricted volume type \"hostPath\""
        },
    };

    [Theory]
    [MemberData(nameof(RestrictedVolumeCases))]
    public void Check_RestrictedVolumes_ReplacesHostPathCheck(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("restricted volume types", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> RunAsNonRootCases => new()
    {
        { "true on every container", Spec(Hardened()), null },
        { "true on the pod, unset on containers", Spec(Hardened("app", c => c with { RunAsNonRoot = null })).WithPodContext(new PodSecurityContext { RunAsNonRoot = true }), null },
        {
            "unset everywhere",
            Spec(Hardened("a", c => c with { RunAsNonRoot = null }), Hardened("b", c => c with { RunAsNonRoot = null })),
            "pod or containers \"a\", \"b\" must set securityContext.runAsNonRoot=true"
        },
        {
            "false on a container overrides true on the pod",
            Spec(Hardened("app", c => c with { RunAsNonRoot = false })).WithPodContext(new PodSecurityContext { RunAsNonRoot = true }),
            "container \"app\" must not set securityContext.runAsNonRoot=false"
        },
        {
            "explicit false wins over implicit omissions",
            Spec(Hardened("a", c => c with { RunAsNonRoot = false }), Hardened("b", c => c with { RunAsNonRoot = null })).WithPodContext(new PodSecurityContext { RunAsNonRoot = false }),
            "pod and container \"a\" must not set securityContext.runAsNonRoot=false"
        },
    };

    [Theory]
    [MemberData(nameof(RunAsNonRootCases))]
    public void Check_RunAsNonRoot_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("runAsNonRoot != true", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> RunAsUserCases => new()
    {
        { "unset", Spec(Hardened()), null },
        { "a non-zero user", Spec(Hardened("app", c => c with { RunAsUser = 1000 })).WithPodContext(new PodSecurityContext { RunAsUser = 1000 }), null },
        { "root on the pod", Spec(Hardened()).WithPodContext(new PodSecurityContext { RunAsUser = 0 }), "pod must not set runAsUser=0" },
        {
            "root on the pod and two containers",
            Spec(Hardened("a", c => c with { RunAsUser = 0 }), Hardened("b", c => c with { RunAsUser = 0 })).WithPodContext(new PodSecurityContext { RunAsUser = 0 }),
            "pod and containers \"a\", \"b\" must not set runAsUser=0"
        },
    };

    [Theory]
    [MemberData(nameof(RunAsUserCases))]
    public void Check_RunAsUser_ReportsKubernetesWording(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("runAsUser=0", detail), description);
    }

    public static TheoryData<string, PodSpec, string?> RestrictedSeccompCases => new()
    {
        { "RuntimeDefault on every container", Spec(Hardened()), null },
        {
            "Localhost on the pod covers containers without a profile",
            Spec(Hardened("app", c => c with { SeccompProfile = null })).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("Localhost", "p.json") }),
            null
        },
        {
            "no profile anywhere",
            Spec(Hardened("app", c => c with { SeccompProfile = null })),
            "pod or container \"app\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""
        },
        {
            "an Unconfined pod profile covers nobody",
            Spec(Hardened("a"), Hardened("b", c => c with { SeccompProfile = null })).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("Unconfined") }),
            "pod must not set securityContext.seccompProfile.type to \"Unconfined\""
        },
        {
            "an Unconfined container under a RuntimeDefault pod",
            Spec(Hardened("app", c => c with { SeccompProfile = new SeccompProfile("Unconfined") })).WithPodContext(new PodSecurityContext { SeccompProfile = new SeccompProfile("RuntimeDefault") }),
            "container \"app\" must not set securityContext.seccompProfile.type to \"Unconfined\""
        },
    };

    [Theory]
    [MemberData(nameof(RestrictedSeccompCases))]
    public void Check_RestrictedSeccomp_ReplacesBaselineSeccomp(string description, PodSpec spec, string? detail)
    {
        PodSecurity.Check(PodSecurityLevel.Restricted, spec).ShouldBe(Expect("seccompProfile", detail), description);
    }
}
