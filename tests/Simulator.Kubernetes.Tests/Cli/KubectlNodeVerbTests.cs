namespace Simulator.Kubernetes.Tests.Cli;

/// <summary>label, taint, cordon, uncordon and drain as kubectl prints them.</summary>
public sealed class KubectlNodeVerbTests
{
    // ----- label -----

    [Fact]
    public void LabelAddOverwriteRemove()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");

        h.Ok("kubectl label node w-1 type=platform-tools").ShouldBe("node/w-1 labeled\n");
        h.Ok("kubectl label nodes w-1 type=platform-tools").ShouldBe("node/w-1 not labeled\n");
        h.Fail("kubectl label node w-1 type=other").ShouldBe("error: 'type' already has a value (platform-tools), and --overwrite is false\n");
        h.State.NodeLabels("w-1")["type"].ShouldBe("platform-tools");
        h.Ok("kubectl label node w-1 type=other --overwrite").ShouldBe("node/w-1 labeled\n");
        h.State.NodeLabels("w-1")["type"].ShouldBe("other");
        h.Ok("kubectl label node/w-1 type-").ShouldBe("node/w-1 unlabeled\n");
        h.State.NodeLabels("w-1").ContainsKey("type").ShouldBeFalse();
    }

    [Fact]
    public void RemovingAMissingLabelSaysSo()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Ok("kubectl label node w-1 missing-").ShouldBe("label \"missing\" not found.\nnode/w-1 not labeled\n");
    }

    [Fact]
    public void AddingAndRemovingInOneCommandIsLabelsChanged()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Ok("kubectl label node w-1 a=1");
        h.Ok("kubectl label node w-1 b=2 a-").ShouldBe("node/w-1 label(s) changed\n");
    }

    [Fact]
    public void LabelOfAMissingNode()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl label node nope a=b").ShouldBe("Error from server (NotFound): nodes \"nope\" not found\n");
    }

    [Fact]
    public void LabelWithoutChanges()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Fail("kubectl label node w-1").ShouldBe("error: at least one label update is required\n");
    }

    [Fact]
    public void LabelAPod()
    {
        using var h = ScriptHarness.WithFluentd();
        var pod = h.FluentdPodOn("w-1").Name;
        h.Ok($"kubectl label pod {pod} -n logging debug=true").ShouldBe($"pod/{pod} labeled\n");
        h.Session.Sim.State.GetPod("logging", pod)!.Metadata.Labels["debug"].ShouldBe("true");
    }

    // ----- taint -----

    [Fact]
    public void TaintAddDuplicateOverwriteRemove()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");

        h.Ok("kubectl taint node w-1 dedicated=special:NoSchedule").ShouldBe("node/w-1 tainted\n");
        h.Fail("kubectl taint node w-1 dedicated=other:NoSchedule")
            .ShouldBe("error: node w-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n");
        h.Ok("kubectl taint nodes w-1 dedicated=special:NoExecute").ShouldBe("node/w-1 tainted\n");
        h.Ok("kubectl taint node w-1 dedicated:NoSchedule-").ShouldBe("node/w-1 untainted\n");
        h.Ok("kubectl taint node w-1 dedicated-").ShouldBe("node/w-1 untainted\n");
        h.Session.Sim.State.Nodes["w-1"].Spec.Taints.ShouldBeEmpty();
    }

    [Fact]
    public void TaintWithOverwriteIsModified()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Ok("kubectl taint node w-1 dedicated=special:NoSchedule");
        h.Ok("kubectl taint node w-1 dedicated=other:NoSchedule --overwrite").ShouldBe("node/w-1 modified\n");
        h.Session.Sim.State.Nodes["w-1"].Spec.Taints.Single().Value.ShouldBe("other");
    }

    [Theory]
    [InlineData("dedicated:NoSchedule-", "dedicated:NoSchedule")]
    [InlineData("dedicated=special:NoSchedule-", "dedicated:NoSchedule")]
    [InlineData("dedicated-", "dedicated")]
    public void RemovingAMissingTaint(string spec, string shown)
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Fail($"kubectl taint node w-1 {spec}").ShouldBe($"error: taint \"{shown}\" not found\n");
    }

    [Fact]
    public void InvalidTaintEffect()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Fail("kubectl taint node w-1 a=b:Bogus").ShouldStartWith("error: invalid taint effect: Bogus, unsupported taint effect");
    }

    [Fact]
    public void TaintOnlyNodes()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl taint pod p a=b:NoSchedule").ShouldBe("error: invalid resource type pods, only node types are supported\n");
    }

    [Fact]
    public void NoExecuteTaintEvictsTheDaemonPodAfterSettling()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("expect ds/fluentd -n logging desired=3 ready=3");

        h.Ok("kubectl taint node w-2 app=fluentd-logging:NoExecute").ShouldBe("node/w-2 tainted\n");
        h.Ok("sim settle");

        h.Ok("expect pods -l name=fluentd -n logging on=w-1,w-3");
        h.Ok("expect ds/fluentd -n logging desired=2 current=2 ready=2");
    }

    // ----- cordon / uncordon -----

    [Fact]
    public void CordonAndUncordon()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 1 --prefix w-");
        h.Ok("kubectl cordon w-1").ShouldBe("node/w-1 cordoned\n");
        h.Session.Sim.State.Nodes["w-1"].Spec.Unschedulable.ShouldBeTrue();
        h.Ok("kubectl cordon w-1").ShouldBe("node/w-1 already cordoned\n");
        h.Ok("kubectl uncordon w-1").ShouldBe("node/w-1 uncordoned\n");
        h.Ok("kubectl uncordon w-1").ShouldBe("node/w-1 already uncordoned\n");
        h.Session.Sim.State.Nodes["w-1"].Spec.Unschedulable.ShouldBeFalse();
        h.Fail("kubectl cordon nope").ShouldBe("Error from server (NotFound): nodes \"nope\" not found\n");
    }

    // ----- drain -----

    [Fact]
    public void DrainWithoutIgnoreDaemonSetsRefuses()
    {
        using var h = ScriptHarness.WithFluentd();
        var pod = h.FluentdPodOn("w-1").Name;

        var output = h.Fail("kubectl drain w-1");

        output.ShouldBe(
            "node/w-1 cordoned\n"
            + $"error: unable to drain node \"w-1\" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): logging/{pod}, continuing command...\n"
            + "There are pending nodes to be drained:\n"
            + " w-1\n"
            + $"cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): logging/{pod}\n");
        h.Session.Sim.State.Nodes["w-1"].Spec.Unschedulable.ShouldBeTrue();
        h.Session.Sim.State.GetPod("logging", pod).ShouldNotBeNull();
    }

    [Fact]
    public void DrainIgnoringDaemonSets()
    {
        using var h = ScriptHarness.WithFluentd();
        var pod = h.FluentdPodOn("w-1").Name;

        h.Ok("kubectl drain w-1 --ignore-daemonsets").ShouldBe(
            "node/w-1 cordoned\n"
            + $"Warning: ignoring DaemonSet-managed Pods: logging/{pod}\n"
            + "node/w-1 drained\n");

        h.Session.Sim.State.GetPod("logging", pod).ShouldNotBeNull();
        h.Ok("kubectl drain w-1 --ignore-daemonsets").ShouldStartWith("node/w-1 already cordoned\n");
    }

    [Fact]
    public void DrainRefusesUnmanagedPodsWithoutForce()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("sim pods create --count 1 --prefix web- --node w-1");
        var web = h.Session.Sim.State.Pods.Values.Single(p => p.Namespace == "default").Name;

        var output = h.Fail("kubectl drain w-1 --ignore-daemonsets");

        output.ShouldContain($"error: unable to drain node \"w-1\" due to error: cannot delete Pods that declare no controller (use --force to override): default/{web}, continuing command...\n");
        output.ShouldEndWith($"There are pending nodes to be drained:\n w-1\ncannot delete Pods that declare no controller (use --force to override): default/{web}\n");
        h.Session.Sim.State.GetPod("default", web).ShouldNotBeNull();
    }

    [Fact]
    public void DrainWithForceEvictsUnmanagedPods()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("sim pods create --count 1 --prefix web- --node w-1");
        h.Ok("sim settle");
        var web = h.Session.Sim.State.Pods.Values.Single(p => p.Namespace == "default").Name;

        var output = h.Ok("kubectl drain w-1 --ignore-daemonsets --force");

        output.ShouldStartWith("node/w-1 cordoned\n");
        // kubectl joins all warnings into one line: "Warning: ignoring DaemonSet-managed Pods: ...; deleting Pods that declare no controller: ...".
        output.Split('\n').Count(l => l.StartsWith("Warning: ", StringComparison.Ordinal)).ShouldBe(1);
        output.ShouldContain($"deleting Pods that declare no controller: default/{web}");
        output.ShouldContain($"evicting pod default/{web}\n");
        output.ShouldEndWith($"pod/{web} evicted\nnode/w-1 drained\n");
        h.Session.Sim.State.GetPod("default", web).ShouldBeNull();
    }

    [Fact]
    public void DrainOfAMissingNode()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl drain nope --ignore-daemonsets").ShouldBe("Error from server (NotFound): nodes \"nope\" not found\n");
    }
}
