using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;

namespace Simulator.Tests.Admission;

/// <summary>Pod Security admission as the simulated API server applies it to pods and DaemonSets.</summary>
public class PodSecurityAdmissionTests
{
    private static Simulation ClusterWithLogging(params string[] namespaceLabels)
    {
        var sim = Fixtures.Cluster(3);
        sim.CreateNamespace("logging", StringMap.Of(namespaceLabels));
        return sim;
    }

    [Fact]
    public void DaemonSet_HostPathUnderBaselineEnforce_KeepsFailingToCreateWithKubernetesMessage()
    {
        var sim = ClusterWithLogging("pod-security.kubernetes.io/enforce", "baseline");

        sim.CreateDaemonSet(Fixtures.Fluentd());
        sim.RunUntilSettled(TimeSpan.FromMinutes(10));

        sim.State.Pods.ShouldBeEmpty();
        var failed = sim.Events.Where(e => e.Reason == "FailedCreate").ToList();
        failed.ShouldNotBeEmpty();
        failed[0].Type.ShouldBe(EventType.Warning);
        failed[0].Message.ShouldMatch("^Error creating: pods \"fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes \\(volume \"varlog\"\\)$");
        failed.Sum(e => e.Count).ShouldBeGreaterThan(5, "the controller keeps retrying with back-off");
        sim.DiagnoseDaemonSet("logging", "fluentd").ShouldAllBe(p => p.Reason == "AdmissionRejected");
    }

    [Fact]
    public void DaemonSet_RestrictedWarn_AppliedWithWarningAndPodsRun()
    {
        var sim = ClusterWithLogging("pod-security.kubernetes.io/warn", "restricted");

        sim.CreateDaemonSet(Fixtures.Fluentd());
        var warnings = sim.LastWarnings.ToList();
        sim.RunUntilSettled();

        warnings.Count.ShouldBe(1);
        warnings[0].ShouldStartWith("would violate PodSecurity \"restricted:latest\": ");
        warnings[0].ShouldContain("restricted volume types (volume \"varlog\" uses restricted volume type \"hostPath\")");
        sim.State.GetDaemonSet("logging", "fluentd")!.Status.NumberReady.ShouldBe(3);
    }

    [Fact]
    public void DaemonSet_EnforceOnly_NoWarningOnApplyBecauseControllersAreNotEnforced()
    {
        var sim = ClusterWithLogging("pod-security.kubernetes.io/enforce", "baseline");

        sim.CreateDaemonSet(Fixtures.Fluentd());

        sim.LastWarnings.ShouldBeEmpty();
        sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();
    }

    [Fact]
    public void CreatePod_ViolatesEnforce_ForbiddenAndNothingStored()
    {
        var sim = ClusterWithLogging("pod-security.kubernetes.io/enforce", "baseline");
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "debug", Namespace = "logging" },
            Spec = new PodSpec { HostNetwork = true, Containers = EquatableArray.Create(Fixtures.Container()) },
        };

        var error = Should.Throw<ApiException>(() => sim.CreatePod(pod));

        error.Reason.ShouldBe(StatusReason.Forbidden);
        error.Message.ShouldBe("pods \"debug\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)");
        sim.State.GetPod("logging", "debug").ShouldBeNull();
    }

    [Fact]
    public void CreatePod_PrivilegedNamespace_NoChecks()
    {
        var sim = ClusterWithLogging();

        sim.CreatePod(new Pod
        {
            Metadata = new ObjectMeta { Name = "debug", Namespace = "logging" },
            Spec = new PodSpec { HostNetwork = true, Containers = EquatableArray.Create(Fixtures.Container() with { SecurityContext = new SecurityContext { Privileged = true } }) },
        });

        sim.LastWarnings.ShouldBeEmpty();
        sim.State.GetPod("logging", "debug").ShouldNotBeNull();
    }
}
