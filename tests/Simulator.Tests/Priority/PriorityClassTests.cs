using Simulator.Engine;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Tests.Priority;

// The PriorityClass API as the API server serves it (pkg/apis/scheduling/validation and the priority admission plugin's
// PriorityClass checks): §11.1 of the spec. Validation-level messages are pinned in ClusterObjectValidationTests; these
// go through the Simulation facade.
public class PriorityClassTests
{
    private static PriorityClass Class(string name, int value, bool globalDefault = false, string policy = PreemptionPolicy.PreemptLowerPriority) =>
        new() { Metadata = ObjectMeta.Named(name), Value = value, GlobalDefault = globalDefault, PreemptionPolicy = policy };

    public static TheoryData<string, PriorityClass, string?> CreateCases => new()
    {
        { "the highest user-definable value is accepted", Class("agents", 1_000_000_000), null },
        { "a negative value is accepted", Class("scavenger", -10), null },
        { "int32 minimum is accepted", Class("floor", int.MinValue), null },
        { "a Never preemption policy is accepted", Class("polite", 100, policy: PreemptionPolicy.Never), null },
        {
            "one above the highest user value is forbidden with the API server's message",
            Class("agents", 1_000_000_001),
            "PriorityClass.scheduling.k8s.io \"agents\" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000"
        },
        {
            "the system- prefix is reserved",
            Class("system-agents", 10),
            "PriorityClass.scheduling.k8s.io \"system-agents\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-agents is not a known system priority class"
        },
    };

    [Theory]
    [MemberData(nameof(CreateCases))]
    public void CreatePriorityClass_Value_AcceptedOrRejectedAsTheApiServerDoes(string description, PriorityClass pc, string? error)
    {
        var sim = new Simulation();

        if (error is null)
        {
            sim.CreatePriorityClass(pc).Value.ShouldBe(pc.Value, description);
            sim.State.PriorityClasses[pc.Name].Value.ShouldBe(pc.Value, description);
        }
        else
        {
            var e = Should.Throw<ApiException>(() => sim.CreatePriorityClass(pc), description);
            e.Reason.ShouldBe(StatusReason.Invalid, description);
            e.Message.ShouldBe(error, description);
            sim.State.PriorityClasses.ContainsKey(pc.Name).ShouldBeFalse(description);
        }
    }

    [Theory]
    [InlineData("system-cluster-critical is built in at 2000000000", "system-cluster-critical", 2_000_000_000)]
    [InlineData("system-node-critical is built in at 2000001000", "system-node-critical", 2_000_001_000)]
    public void NewSimulation_BuiltInClass_ExistsWithItsValueAndNoDefault(string description, string name, int value)
    {
        var pc = new Simulation().State.PriorityClasses[name];

        pc.Value.ShouldBe(value, description);
        pc.GlobalDefault.ShouldBeFalse(description);
        pc.PreemptionPolicy.ShouldBe(PreemptionPolicy.PreemptLowerPriority, description);
    }

    [Theory]
    [InlineData("system-cluster-critical cannot be deleted", "system-cluster-critical")]
    [InlineData("system-node-critical cannot be deleted", "system-node-critical")]
    public void DeletePriorityClass_BuiltIn_ForbiddenAndKept(string description, string name)
    {
        var sim = new Simulation();

        Should.Throw<ApiException>(() => sim.DeletePriorityClass(name), description).Reason.ShouldBe(StatusReason.Forbidden);
        sim.State.PriorityClasses.ContainsKey(name).ShouldBeTrue(description);
    }

    [Fact]
    public void CreatePriorityClass_BuiltInNameAgain_AlreadyExists()
    {
        var sim = new Simulation();

        Should.Throw<ApiException>(() => sim.CreatePriorityClass(PriorityClass.SystemNodeCritical)).Reason.ShouldBe(StatusReason.AlreadyExists);
    }

    [Fact]
    public void DeletePriorityClass_UserClass_Gone()
    {
        var sim = new Simulation();
        sim.CreatePriorityClass(Class("agents", 10));

        sim.DeletePriorityClass("agents");

        sim.State.PriorityClasses.ContainsKey("agents").ShouldBeFalse();
    }

    public static TheoryData<string, Func<PriorityClass, PriorityClass>, string?> UpdateCases => new()
    {
        { "a new description is allowed", pc => pc with { Description = "for node agents" }, null },
        { "becoming the global default is allowed", pc => pc with { GlobalDefault = true }, null },
        {
            "the value is immutable",
            pc => pc with { Value = 2_000 },
            "PriorityClass.scheduling.k8s.io \"agents\" is invalid: value: Forbidden: may not be changed in an update."
        },
        {
            "the preemption policy is immutable",
            pc => pc with { PreemptionPolicy = PreemptionPolicy.Never },
            "PriorityClass.scheduling.k8s.io \"agents\" is invalid: preemptionPolicy: Invalid value: \"Never\": field is immutable"
        },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void UpdatePriorityClass_Change_OnlyDescriptionAndGlobalDefaultMutable(string description, Func<PriorityClass, PriorityClass> change, string? error)
    {
        var sim = new Simulation();
        var stored = sim.CreatePriorityClass(Class("agents", 1_000));
        var updated = change(stored);

        if (error is null)
        {
            var result = sim.UpdatePriorityClass(updated);
            result.Description.ShouldBe(updated.Description, description);
            result.GlobalDefault.ShouldBe(updated.GlobalDefault, description);
            result.Value.ShouldBe(1_000, description);
        }
        else
        {
            Should.Throw<ApiException>(() => sim.UpdatePriorityClass(updated), description).Message.ShouldBe(error, description);
            sim.State.PriorityClasses["agents"].ShouldBe(stored, description);
        }
    }

    [Fact]
    public void UpdatePriorityClass_SecondGlobalDefault_ForbiddenWithAdmissionMessage()
    {
        var sim = new Simulation();
        sim.CreatePriorityClass(Class("a", 10, globalDefault: true));
        var b = sim.CreatePriorityClass(Class("b", 20));

        var error = Should.Throw<ApiException>(() => sim.UpdatePriorityClass(b with { GlobalDefault = true }));

        error.Reason.ShouldBe(StatusReason.Forbidden);
        error.Message.ShouldBe("priorityclasses.scheduling.k8s.io \"b\" is forbidden: PriorityClass a is already marked as default. Only one default can exist");
        sim.State.PriorityClasses["b"].GlobalDefault.ShouldBeFalse();
    }

    [Fact]
    public void UpdatePriorityClass_DefaultStaysDefault_Allowed()
    {
        var sim = new Simulation();
        var a = sim.CreatePriorityClass(Class("a", 10, globalDefault: true));

        sim.UpdatePriorityClass(a with { Description = "still the default" }).GlobalDefault.ShouldBeTrue();
    }

    [Fact]
    public void CreatePriorityClass_DefaultMovedAway_NewDefaultAllowed()
    {
        var sim = new Simulation();
        var a = sim.CreatePriorityClass(Class("a", 10, globalDefault: true));
        sim.UpdatePriorityClass(a with { GlobalDefault = false });

        sim.CreatePriorityClass(Class("b", 20, globalDefault: true)).GlobalDefault.ShouldBeTrue();
    }
}
