using Simulator.Engine;
using Simulator.Model;
using Simulator.Tests.Support;
using Simulator.Validation;

namespace Simulator.Tests.Priority;

// The Priority admission plugin (plugin/pkg/admission/priority/admission.go), spec §11.2: it resolves the class into
// spec.priority and spec.preemptionPolicy and rejects client-supplied values that disagree.
public class PriorityAdmissionTests
{
    private static Simulation Cluster()
    {
        var sim = Fixtures.Cluster(1);
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("high"), Value = 1_000_000 });
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("polite"), Value = 5_000, PreemptionPolicy = PreemptionPolicy.Never });
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("scavenger"), Value = -100 });
        return sim;
    }

    private static Pod Web(string priorityClass = "", int? priority = null, string? preemptionPolicy = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new PodSpec
        {
            PriorityClassName = priorityClass,
            Priority = priority,
            PreemptionPolicy = preemptionPolicy,
            Containers = EquatableArray.Create(Fixtures.Container()),
        },
    };

    [Theory]
    [InlineData("a user class copies its value and default policy", "high", 1_000_000, PreemptionPolicy.PreemptLowerPriority)]
    [InlineData("a Never class copies its policy", "polite", 5_000, PreemptionPolicy.Never)]
    [InlineData("a negative class copies its value", "scavenger", -100, PreemptionPolicy.PreemptLowerPriority)]
    [InlineData("system-node-critical may be used outside kube-system", "system-node-critical", 2_000_001_000, PreemptionPolicy.PreemptLowerPriority)]
    [InlineData("system-cluster-critical may be used outside kube-system", "system-cluster-critical", 2_000_000_000, PreemptionPolicy.PreemptLowerPriority)]
    public void CreatePod_NamedClass_PriorityAndPolicyCopied(string description, string className, int priority, string policy)
    {
        var pod = Cluster().CreatePod(Web(className));

        pod.Spec.PriorityClassName.ShouldBe(className, description);
        pod.Spec.Priority.ShouldBe(priority, description);
        pod.Spec.PreemptionPolicy.ShouldBe(policy, description);
    }

    [Fact]
    public void CreatePod_UnknownClass_ForbiddenAndNotStored()
    {
        var sim = Cluster();

        var error = Should.Throw<ApiException>(() => sim.CreatePod(Web("missing")));

        error.Reason.ShouldBe(StatusReason.Forbidden);
        error.Message.ShouldBe("pods \"web\" is forbidden: no PriorityClass with name missing was found");
        sim.State.Pods.ShouldBeEmpty();
    }

    [Fact]
    public void CreatePod_NoClassNoDefault_PriorityZero()
    {
        var pod = Cluster().CreatePod(Web());

        pod.Spec.PriorityClassName.ShouldBe("");
        pod.Spec.Priority.ShouldBe(0);
        pod.Spec.PreemptionPolicy.ShouldBe(PreemptionPolicy.PreemptLowerPriority);
    }

    [Fact]
    public void CreatePod_NoClassWithNeverDefault_DefaultsNameValueAndPolicy()
    {
        var sim = Cluster();
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("batch"), Value = 7, GlobalDefault = true, PreemptionPolicy = PreemptionPolicy.Never });

        var pod = sim.CreatePod(Web());

        pod.Spec.PriorityClassName.ShouldBe("batch");
        pod.Spec.Priority.ShouldBe(7);
        pod.Spec.PreemptionPolicy.ShouldBe(PreemptionPolicy.Never);
    }

    [Fact]
    public void CreatePod_NamedClassWithGlobalDefaultPresent_NamedClassWins()
    {
        var sim = Cluster();
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("batch"), Value = 7, GlobalDefault = true });

        sim.CreatePod(Web("high")).Spec.Priority.ShouldBe(1_000_000);
    }

    [Fact]
    public void CreatePod_DefaultDeletedLater_ExistingPodKeepsItsPriority()
    {
        var sim = Cluster();
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("batch"), Value = 7, GlobalDefault = true });
        sim.CreatePod(Web());

        sim.DeletePriorityClass("batch");

        sim.State.GetPod("default", "web")!.Spec.Priority.ShouldBe(7);
    }

    [Theory]
    [InlineData("a priority without a class disagreeing with 0", "", 5, "pods \"web\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name")]
    [InlineData("a priority disagreeing with the named class", "high", 10, "pods \"web\" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 1000000 from the given PriorityClass name")]
    public void CreatePod_ClientPriorityDisagrees_Forbidden(string description, string className, int priority, string message)
    {
        var sim = Cluster();

        var error = Should.Throw<ApiException>(() => sim.CreatePod(Web(className, priority)), description);

        error.Reason.ShouldBe(StatusReason.Forbidden, description);
        error.Message.ShouldBe(message, description);
        sim.State.Pods.ShouldBeEmpty(description);
    }

    [Theory]
    [InlineData("a priority equal to the class value", "high", 1_000_000)]
    [InlineData("priority 0 without a class", "", 0)]
    public void CreatePod_ClientPriorityAgrees_Admitted(string description, string className, int priority)
    {
        Cluster().CreatePod(Web(className, priority)).Spec.Priority.ShouldBe(priority, description);
    }

    [Theory]
    [InlineData("Never against a PreemptLowerPriority class", "high", PreemptionPolicy.Never, "pods \"web\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name")]
    [InlineData("PreemptLowerPriority against a Never class", "polite", PreemptionPolicy.PreemptLowerPriority, "pods \"web\" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name")]
    public void CreatePod_ClientPreemptionPolicyDisagrees_Forbidden(string description, string className, string policy, string message)
    {
        var sim = Cluster();

        var error = Should.Throw<ApiException>(() => sim.CreatePod(Web(className, preemptionPolicy: policy)), description);

        error.Reason.ShouldBe(StatusReason.Forbidden, description);
        error.Message.ShouldBe(message, description);
    }

    [Fact]
    public void CreatePod_ClientPreemptionPolicyAgrees_Admitted()
    {
        Cluster().CreatePod(Web("polite", preemptionPolicy: PreemptionPolicy.Never)).Spec.PreemptionPolicy.ShouldBe(PreemptionPolicy.Never);
    }

    [Fact]
    public void CreateDaemonSet_UnknownClass_FailedCreateNamesTheGenerateNamePrefix()
    {
        var sim = Fixtures.Cluster(2);
        sim.CreateDaemonSet(Fixtures.DaemonSet("node-agent", s => s with { PriorityClassName = "agents" }));

        sim.RunFor(TimeSpan.FromSeconds(30));

        var failures = sim.Events.Where(e => e.Reason == "FailedCreate" && e.InvolvedObject.Kind == "DaemonSet" && e.InvolvedObject.Name == "node-agent").ToList();
        failures.ShouldNotBeEmpty();
        failures.ShouldAllBe(e => e.Type == EventType.Warning && e.Message == "Error creating: pods \"node-agent-\" is forbidden: no PriorityClass with name agents was found");
        sim.State.Pods.ShouldBeEmpty();
    }

    [Fact]
    public void CreateDaemonSet_ClassCreatedLater_PodsAppearWithItsPriority()
    {
        var sim = Fixtures.Cluster(2);
        sim.CreateDaemonSet(Fixtures.DaemonSet("node-agent", s => s with { PriorityClassName = "agents" }));
        sim.RunFor(TimeSpan.FromSeconds(5));

        // The controller retries a failed sync with the workqueue's rate limiter (5 ms doubling, at most 1000 s); nothing
        // about PriorityClasses wakes it, so the pods appear at the next retry.
        sim.CreatePriorityClass(new PriorityClass { Metadata = ObjectMeta.Named("agents"), Value = 900 });
        sim.RunUntilSettled(TimeSpan.FromMinutes(20)).Settled.ShouldBeTrue();

        var pods = sim.State.Pods.Values.ToList();
        pods.Count.ShouldBe(2);
        pods.ShouldAllBe(p => p.Spec.Priority == 900 && p.Status.Phase == PodPhase.Running);
    }
}
