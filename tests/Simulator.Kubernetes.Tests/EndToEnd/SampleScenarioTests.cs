using System.Text.RegularExpressions;

namespace Simulator.Kubernetes.Tests.EndToEnd;

/// <summary>Runs the two sample scenarios end to end through <c>kubesim run -o json</c> and pins what a user sees.</summary>
public class SampleScenarioTests
{
    private static readonly string SeedTutorial = Kubesim.InRepo("samples", "seed-tutorial", "seed-tutorial.kubesim");
    private static readonly string WhatIf = Kubesim.InRepo("samples", "snapshot-what-if", "what-if.kubesim");

    private static void ShouldHaveRow(string table, params string[] cells) =>
        Regex.IsMatch(table, "(?m)^" + string.Join(@"\s+", cells.Select(Regex.Escape)) + @"(\s|$)")
            .ShouldBeTrue($"expected a row [{string.Join(" | ", cells)}] in:\n{table}");

    private static void ShouldAllSucceed(KubesimRun run)
    {
        var failed = run.Lines.Where(l => l.ExitCode != 0).Select(l => $"line {l.Line}: {l.Command}\n{l.Output}").ToList();
        failed.ShouldBeEmpty();
        run.ExitCode.ShouldBe(0, run.Error);
    }

    [Fact]
    public void SeedTutorial_EveryLineSucceeds()
    {
        var run = Kubesim.RunJson(SeedTutorial);

        ShouldAllSucceed(run);
        run.Lines.Count.ShouldBeGreaterThan(60);
        run.Lines.ShouldAllBe(l => l.SimTime.StartsWith("2025-01-01T", StringComparison.Ordinal));
    }

    [Fact]
    public void SeedTutorial_DeploysOnePodPerWorker_NotOnTheControlPlane()
    {
        var run = Kubesim.RunJson(SeedTutorial);

        run.Single("kubectl create ns logging").Output.ShouldBe("namespace/logging created\n");
        run.Single("kubectl apply -f daemonset.yaml").Output.ShouldBe("daemonset.apps/fluentd created\n");
        run.Single("kubectl apply -f control-plane.yaml").Output.ShouldBe("node/k8s-control-plane created\n");
        ShouldHaveRow(run.Single("kubectl get nodes").Output, "k8s-control-plane", "Ready", "control-plane");

        var table = run.Single("kubectl get daemonset -n logging").Output;
        table.ShouldStartWith("NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n");
        ShouldHaveRow(table, "fluentd", "5", "5", "5", "5", "5", "<none>");

        var pods = run.All("kubectl get pods -n logging -o wide")[0].Output;
        for (var i = 1; i <= 5; i++)
        {
            Regex.IsMatch(pods, $@"(?m)^fluentd-[a-z0-9]{{5}}\s+1/1\s+Running\s+0\s+\S+\s+\S+\s+k8s-worker-{i}\s").ShouldBeTrue(pods);
        }

        pods.ShouldNotContain("k8s-control-plane");
        run.Single("sim explain ds/fluentd node/k8s-control-plane -n logging").Output
            .ShouldContain("taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated");
    }

    [Fact]
    public void SeedTutorial_GuideCommands_PrintWhatKubectlPrints()
    {
        var run = Kubesim.RunJson(SeedTutorial);

        var describe = run.Single("kubectl describe daemonset -n logging").Output;
        describe.ShouldStartWith("Name:           fluentd\nSelector:       name=fluentd\n");
        describe.ShouldContain("Desired Number of Nodes Scheduled: 5\n");
        describe.ShouldContain("Pods Status:  5 Running / 0 Waiting / 0 Succeeded / 0 Failed\n");
        describe.ShouldContain("Created pod: fluentd-");

        run.Single("kubectl patch ds fluentd -n logging --type=merge -p '{\"metadata\":{\"annotations\":{\"owner\":\"platform-team\"}}}'")
            .Output.ShouldBe("daemonset.apps/fluentd patched\n");
        run.Single("kubectl get ds").Output.ShouldBe("No resources found in default namespace.\n");
        run.Single("kubectl taint node k8s-worker-2 app=fluentd-logging:NoExecute").Output.ShouldBe("node/k8s-worker-2 tainted\n");
        run.Single("kubectl label node k8s-worker-1 type=platform-tools").Output.ShouldBe("node/k8s-worker-1 labeled\n");

        var priorityClasses = run.Single("kubectl get priorityClass").Output;
        priorityClasses.ShouldStartWith("NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n");
        ShouldHaveRow(priorityClasses, "high-priority", "100000", "false");
        ShouldHaveRow(priorityClasses, "system-node-critical", "2000001000", "false");
        run.Single("kubectl apply -f priorityclass.yaml").Output.ShouldBe("priorityclass.scheduling.k8s.io/high-priority created\n");

        run.Single("kubectl delete daemonset fluentd -n logging --cascade=false").Output.ShouldBe(
            "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\ndaemonset.apps \"fluentd\" deleted from logging namespace\n");
        run.Single("! kubectl get ds fluentd -n logging").Output.ShouldBe("Error from server (NotFound): daemonsets.apps \"fluentd\" not found\n");
        run.Single("kubectl delete daemonset fluentd -n logging").Output.ShouldBe("daemonset.apps \"fluentd\" deleted from logging namespace\n");
        run.Single("kubectl get pods -n logging").Output.ShouldBe("No resources found in logging namespace.\n");
    }

    [Fact]
    public void SeedTutorial_TaintSelectorAndAffinity_RestrictPlacement()
    {
        var run = Kubesim.RunJson(SeedTutorial);
        var tables = run.All("kubectl get ds -n logging").Select(l => l.Output).ToList();

        // after the NoExecute taint on k8s-worker-2: DESIRED 4
        ShouldHaveRow(tables[1], "fluentd", "4", "4", "4", "4", "4", "<none>");
        // nodeSelector type=platform-tools: only k8s-worker-1
        ShouldHaveRow(tables[2], "fluentd", "1", "1", "1", "1", "1", "type=platform-tools");
        // required affinity: the two platform-tools workers
        ShouldHaveRow(tables[3], "fluentd", "2", "2", "2", "2", "2", "<none>");

        run.Single("sim explain ds/fluentd node/k8s-worker-2 -n logging").Output
            .ShouldContain("taint app=fluentd-logging:NoExecute is not tolerated");
        run.Single("sim explain ds/fluentd node/k8s-worker-3 -n logging").Output
            .ShouldContain("nodeSelector type=platform-tools: the node has no label type");
        run.Single("sim explain ds/fluentd node/k8s-worker-4 -n logging").Output.ShouldContain("FAIL  NodeAffinity");
        run.Single("expect pods -l name=fluentd -n logging on=k8s-worker-1,k8s-worker-3").ExitCode.ShouldBe(0);
    }

    [Fact]
    public void SeedTutorial_RollingUpdateHistoryAndUndo()
    {
        var run = Kubesim.RunJson(SeedTutorial);

        run.Single("kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n logging")
            .Output.ShouldBe("daemonset.apps/fluentd image updated\n");
        var status = run.Single("kubectl rollout status ds/fluentd -n logging").Output;
        status.ShouldContain("Waiting for daemon set \"fluentd\" rollout to finish: 0 out of 4 new pods have been updated...\n");
        status.ShouldEndWith("daemon set \"fluentd\" successfully rolled out\n");

        var histories = run.All("kubectl rollout history daemonset fluentd -n logging");
        histories[0].Output.ShouldBe("daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n4         <none>\n5         <none>\n6         <none>\n7         <none>\n\n");
        // undo reuses revision 6 as revision 8
        histories[1].Output.ShouldBe("daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n4         <none>\n5         <none>\n7         <none>\n8         <none>\n\n");
        run.Single("kubectl rollout history daemonset fluentd -n logging --revision=7").Output
            .ShouldContain("quay.io/fluentd_elasticsearch/fluentd:v2.6.0");
        run.Single("kubectl rollout undo daemonset fluentd -n logging").Output.ShouldBe("daemonset.apps/fluentd rolled back\n");
        run.Single("kubectl get ds fluentd -n logging -o wide").Output.ShouldContain("quay.io/fluentd_elasticsearch/fluentd:v2.5.2");
        run.Single("kubectl rollout undo daemonset fluentd -n logging --to-revision=1").Output.ShouldBe("daemonset.apps/fluentd rolled back\n");
    }

    [Fact]
    public void SeedTutorial_SameSeed_ByteIdenticalOutput()
    {
        var first = Kubesim.RunJson(SeedTutorial, "--seed", "7");
        var second = Kubesim.RunJson(SeedTutorial, "--seed", "7");

        second.Output.ShouldBe(first.Output);
        first.ExitCode.ShouldBe(0);
    }

    [Fact]
    public void SeedTutorial_TextOutput_SameAsJsonOutputs()
    {
        var text = Kubesim.Run("run", SeedTutorial);
        var json = Kubesim.RunJson(SeedTutorial);

        text.ExitCode.ShouldBe(0);
        text.Output.ShouldBe(string.Concat(json.Lines.Select(l => "$ " + l.Command + "\n" + l.Output)));
    }

    [Fact]
    public void WhatIf_EveryLineSucceeds()
    {
        var run = Kubesim.RunJson(WhatIf);

        ShouldAllSucceed(run);
        run.Single("sim load -f cluster.yaml").Output.ShouldStartWith("loaded 22 objects: 6 nodes, 12 pods, 1 daemonsets, 1 controllerrevisions, 2 priorityclasses");
    }

    [Fact]
    public void WhatIf_ExistingDaemonSet_IsNotRestarted()
    {
        var run = Kubesim.RunJson(WhatIf);

        ShouldHaveRow(run.Single("kubectl get ds node-exporter -n monitoring").Output, "node-exporter", "6", "6", "6", "6", "6", "<none>", "226d");
        ShouldHaveRow(run.Single("kubectl get controllerrevisions -A").Output, "monitoring", "node-exporter-6d8b7c9f54", "daemonset.apps/node-exporter", "1");
        var pods = run.Single("kubectl get pods -n monitoring").Output;
        foreach (var name in new[] { "node-exporter-4xk2p", "node-exporter-9bq7w", "node-exporter-c8m5t", "node-exporter-hz6vn", "node-exporter-lp2rd", "node-exporter-w7g4s" })
        {
            ShouldHaveRow(pods, name, "1/1", "Running", "0", "226d");
        }

        run.Single("kubectl get events -n monitoring").Output.ShouldBe("No resources found in monitoring namespace.\n");
        run.All("expect ds/node-exporter -n monitoring desired=6 current=6 ready=6 updated=6 available=6").ShouldAllBe(l => l.ExitCode == 0);
    }

    [Fact]
    public void WhatIf_NewDaemonSet_RunsWhereTolerated_AndPreemptsTheCache()
    {
        var run = Kubesim.RunJson(WhatIf);

        run.Single("kubectl apply -f new-agent.yaml").Output.ShouldBe("namespace/security created\ndaemonset.apps/sec-agent created\n");
        ShouldHaveRow(run.Single("kubectl get ds -n security").Output, "sec-agent", "4", "4", "4", "4", "4", "<none>");
        var pods = run.Single("kubectl get pods -n security -o wide").Output;
        foreach (var node in new[] { "gpu-1", "worker-1", "worker-2", "worker-3" })
        {
            Regex.IsMatch(pods, $@"(?m)^sec-agent-[a-z0-9]{{5}}\s+1/1\s+Running\s.*\s{Regex.Escape(node)}\s").ShouldBeTrue(pods);
        }

        pods.ShouldNotContain(" db-1 ");
        pods.ShouldNotContain(" cp-1 ");
        run.Single("sim explain ds/sec-agent node/db-1 -n security").Output.ShouldContain("taint dedicated=database:NoSchedule is not tolerated");
        run.Single("sim explain ds/sec-agent node/cp-1 -n security").Output.ShouldContain("taint node-role.kubernetes.io/control-plane:NoSchedule is not tolerated");
        run.Single("kubectl get events -n security").Output.ShouldContain("1 Insufficient memory");
        run.Single("kubectl get events -n shop").Output.ShouldContain("Preempted by pod ");
        run.Single("kubectl get pods -n shop -o wide").Output.ShouldNotContain("cache-0");
    }

    [Fact]
    public void WhatIf_LoadedNodes_KeepTheirKubeletVersion()
    {
        ShouldHaveRow(Kubesim.RunJson(WhatIf).Single("kubectl get nodes").Output, "worker-1", "Ready", "<none>", "310d", "v1.30.2");
    }

    [Fact]
    public void WhatIf_LoadedObjects_GetYaml_KeepsTheSnapshotsFields()
    {
        // `sim load` keeps what the model holds exactly as given (uids, labels, revision hashes, node info); fields the model has
        // no place for (podCIDR, imagePullPolicy, hostIP, qosClass, ...) are documented as dropped in the README.
        using var dir = new TempDir();
        var cluster = Kubesim.InRepo("samples", "snapshot-what-if", "cluster.yaml");
        var run = Kubesim.RunJson(dir.Write("load.kubesim",
            $"sim clock set 2025-01-15T10:00:00Z\nsim load -f {cluster}\nkubectl get node worker-1 -o yaml\nkubectl get pod node-exporter-9bq7w -n monitoring -o yaml\n"));

        run.ExitCode.ShouldBe(0);
        var node = run.Single("kubectl get node worker-1 -o yaml").Output;
        node.ShouldContain("kubeletVersion: v1.30.2");
        node.ShouldContain("  - address: 10.20.1.18\n    type: InternalIP\n");
        var pod = run.Single("kubectl get pod node-exporter-9bq7w -n monitoring -o yaml").Output;
        pod.ShouldContain("controller-revision-hash: 6d8b7c9f54");
        pod.ShouldContain("uid: 3f30a6be-1b5e-4602-8a32-9e377a09662c");
    }

    [Fact]
    public void WhatIf_SameSeed_ByteIdenticalOutput()
    {
        Kubesim.RunJson(WhatIf).Output.ShouldBe(Kubesim.RunJson(WhatIf).Output);
    }
}
