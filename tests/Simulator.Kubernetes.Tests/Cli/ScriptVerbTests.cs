namespace Simulator.Kubernetes.Tests.Cli;

/// <summary>expect verbs, sim seed / clock set, '!' lines and line errors.</summary>
public sealed class ScriptVerbTests
{
    [Fact]
    public void ExpectDaemonSetPasses()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("expect ds/fluentd -n logging desired=3 current=3 ready=3 updated=3 available=3 misscheduled=0")
            .ShouldBe("ok: ds/fluentd desired=3 current=3 ready=3 updated=3 available=3 misscheduled=0\n");
    }

    [Fact]
    public void ExpectDaemonSetFails()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("expect ds/fluentd -n logging desired=5 ready=3").ShouldBe(
            "expectation failed: ds/fluentd: expected desired=5, found 3 (status: desired=3 current=3 ready=3 updated=3 available=3 unavailable=0 misscheduled=0)\n");
        h.Fail("expect ds/fluentd -n logging bogus=1").ShouldStartWith("error: unknown DaemonSet status field \"bogus\"");
        h.Fail("expect ds/nope -n logging desired=1").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    [Fact]
    public void ExpectPods()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("expect pods -l name=fluentd -n logging count=3 phase=Running").ShouldBe("ok: pods -l name=fluentd -n logging count=3 phase=Running\n");
        h.Ok("expect pods -l name=fluentd -n logging on=w-3,w-1,w-2");
        h.Fail("expect pods -l name=fluentd -n logging count=2").ShouldBe("expectation failed: pods -l name=fluentd -n logging: expected count=2, found 3 (3 Running)\n");
        h.Fail("expect pods -l name=fluentd -n logging on=w-1,w-9")
            .ShouldBe("expectation failed: pods -l name=fluentd -n logging: expected on=w-1,w-9; missing on w-9; also on w-2,w-3\n");
    }

    [Fact]
    public void ExpectNodeLabels()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w- --labels type=platform-tools");
        h.Ok("expect node w-1 has=type=platform-tools lacks=gpu").ShouldBe("ok: node w-1 has=type=platform-tools lacks=gpu\n");
        h.Fail("expect node w-1 lacks=type").ShouldStartWith("expectation failed: node w-1: expected lacks=type, found labels ");
        h.Fail("expect node w-1 has=gpu").ShouldStartWith("expectation failed: node w-1: expected has=gpu, found labels ");
    }

    [Fact]
    public void SeedAndClockOnlyBeforeTheFirstEvent()
    {
        using var h = new ScriptHarness();
        h.Ok("sim seed 42").ShouldBe("seed set to 42\n");
        h.Ok("sim clock set 2030-06-01T12:00:00Z").ShouldBe("clock set to 2030-06-01T12:00:00Z\n");
        h.Session.Seed.ShouldBe(42UL);
        h.Run("sim nodes create --count 1 --prefix w-").SimTime.ShouldBe("2030-06-01T12:00:00Z");

        h.Fail("sim seed 7").ShouldStartWith("error: sim seed is only allowed before the first event");
        h.Fail("sim clock set 2031-01-01T00:00:00Z").ShouldStartWith("error: sim clock set is only allowed before the first event");
        h.Session.Seed.ShouldBe(42UL);
        h.Session.Sim.State.Nodes.ContainsKey("w-1").ShouldBeTrue();
    }

    [Fact]
    public void BadClockTime()
    {
        using var h = new ScriptHarness();
        h.Fail("sim clock set yesterday").ShouldBe("error: invalid time \"yesterday\": use RFC 3339, e.g. 2025-01-01T00:00:00Z\n");
    }

    [Fact]
    public void BangLines()
    {
        using var h = ScriptHarness.WithFluentd();
        var expectedFailure = h.Run("! kubectl get ds nope -n logging");
        expectedFailure.ExitCode.ShouldBe(0);
        expectedFailure.Output.ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");

        var unexpectedSuccess = h.Run("! kubectl get nodes -o name");
        unexpectedSuccess.ExitCode.ShouldBe(1);
        unexpectedSuccess.Output.ShouldEndWith("expectation failed: the command succeeded, but the line is marked '!' (expected to fail)\n");
        unexpectedSuccess.Command.ShouldBe("! kubectl get nodes -o name");
    }

    [Fact]
    public void AFailedLineChangesNothing()
    {
        using var h = ScriptHarness.WithFluentd();
        var before = h.Session.Sim.State;
        h.Fail("kubectl label node w-1 a=b c=d=e");
        h.Fail("kubectl taint node w-1 a=b:NoSchedule a=c:Bogus");
        h.Session.Sim.State.ShouldBeSameAs(before);
    }

    [Fact]
    public void UnknownCommands()
    {
        using var h = new ScriptHarness();
        h.Fail("helm install x").ShouldBe("error: unknown command \"helm\": a line starts with kubectl, sim or expect\n");
        h.Fail("kubectl frobnicate").ShouldStartWith("error: unknown command \"frobnicate\" for \"kubectl\"");
    }

    [Fact]
    public void SimAdvanceAndSettle()
    {
        using var h = new ScriptHarness();
        h.Ok("sim advance 90s").ShouldBe("advanced 1m30s to 2025-01-01T00:01:30Z\n");
        h.Ok("sim settle").ShouldStartWith("settled at 2025-01-01T00:01:30Z");
        h.Fail("sim advance soon").ShouldStartWith("error: invalid duration \"soon\"");
    }
}
