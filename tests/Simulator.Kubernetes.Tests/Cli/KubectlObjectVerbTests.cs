using System.Text.Json.Nodes;
using Simulator.Kubernetes.Tests.Manifests;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Cli;

/// <summary>apply/create, get, describe, delete, rollout, set image and patch as kubectl prints them.</summary>
public sealed class KubectlObjectVerbTests
{
    // ----- apply / create -----

    [Fact]
    public void ApplyFolderInFileNameOrder()
    {
        using var h = new ScriptHarness();
        h.Write("m/1-ns.yaml", ManifestTexts.LoggingNamespace);
        h.Write("m/2-ds.yaml", ManifestTexts.Fluentd());
        h.Ok("kubectl apply -f m").ShouldBe("namespace/logging created\ndaemonset.apps/fluentd created\n");
    }

    [Fact]
    public void ApplyInFileOrder()
    {
        using var h = new ScriptHarness();
        h.Write("all.yaml", ManifestTexts.LoggingNamespace + "\n---\n" + ManifestTexts.Fluentd());
        h.Ok("kubectl apply -f all.yaml").ShouldBe("namespace/logging created\ndaemonset.apps/fluentd created\n");
        h.Ok("kubectl apply -f all.yaml").ShouldBe("namespace/logging unchanged\ndaemonset.apps/fluentd unchanged\n");
        h.Write("all.yaml", ManifestTexts.LoggingNamespace + "\n---\n" + ManifestTexts.Fluentd(image: "fluentd:v2"));
        h.Ok("kubectl apply -f all.yaml").ShouldBe("namespace/logging unchanged\ndaemonset.apps/fluentd configured\n");
    }

    [Fact]
    public void CreateFileTwiceIsAlreadyExists()
    {
        using var h = new ScriptHarness();
        h.Write("ns.yaml", ManifestTexts.LoggingNamespace);
        h.Ok("kubectl create -f ns.yaml").ShouldBe("namespace/logging created\n");
        h.Fail("kubectl create -f ns.yaml").ShouldBe("Error from server (AlreadyExists): error when creating \"ns.yaml\": namespaces \"logging\" already exists\n");
    }

    [Fact]
    public void CreateNamespaceTwice()
    {
        using var h = new ScriptHarness();
        h.Ok("kubectl create ns logging").ShouldBe("namespace/logging created\n");
        h.Fail("kubectl create namespace logging").ShouldBe("Error from server (AlreadyExists): namespaces \"logging\" already exists\n");
    }

    [Fact]
    public void ApplyOfAMissingFile()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl apply -f nope.yaml").ShouldBe("error: the path \"nope.yaml\" does not exist\n");
    }

    [Fact]
    public void ApplyWithAWrongNamespaceFlag()
    {
        using var h = new ScriptHarness();
        h.Ok("kubectl create ns other");
        h.Ok("kubectl create ns logging");
        h.Write("ds.yaml", ManifestTexts.Fluentd());
        h.Fail("kubectl apply -f ds.yaml -n other").ShouldBe(
            "error: the namespace from the provided object \"logging\" does not match the namespace \"other\". You must pass '--namespace=logging' to perform this operation.\n");
    }

    [Fact]
    public void ApplyPrintsPodSecurityWarningsFirst()
    {
        using var h = new ScriptHarness();
        h.Write("ns.yaml", ManifestTexts.LoggingNamespace.Replace("name: logging", "name: logging\n  labels:\n    pod-security.kubernetes.io/warn: restricted", StringComparison.Ordinal));
        h.Write("ds.yaml", ManifestTexts.Fluentd());
        h.Ok("kubectl apply -f ns.yaml");

        var output = h.Ok("kubectl apply -f ds.yaml");

        output.ShouldStartWith("Warning: would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"fluentd-elasticsearch\" must set securityContext.allowPrivilegeEscalation=false), ");
        output.ShouldEndWith(")\ndaemonset.apps/fluentd created\n");
    }

    [Fact]
    public void BadBatchLeavesNoNamespaceBehind()
    {
        using var h = new ScriptHarness();
        h.Write("all.yaml", ManifestTexts.LoggingNamespace + "\n---\n" + ManifestTexts.Fluentd().Replace("cpu: 100m", "cpu: 100x", StringComparison.Ordinal));
        h.Fail("kubectl apply -f all.yaml").ShouldContain("quantities must match the regular expression");
        h.Fail("kubectl get ns logging").ShouldBe("Error from server (NotFound): namespaces \"logging\" not found\n");
    }

    // ----- get -----

    [Fact]
    public void GetOutputName()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl get nodes -o name").ShouldBe("node/w-1\nnode/w-2\nnode/w-3\n");
        h.Ok("kubectl get ds -n logging -o name").ShouldBe("daemonset.apps/fluentd\n");
        h.Ok("kubectl get ns logging -o name").ShouldBe("namespace/logging\n");
    }

    [Fact]
    public void GetWithSelector()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl label node w-2 type=platform-tools");
        h.Ok("kubectl get nodes -l type=platform-tools -o name").ShouldBe("node/w-2\n");
        h.Ok("kubectl get nodes -l 'type notin (platform-tools)' -o name").ShouldBe("node/w-1\nnode/w-3\n");
        h.Ok("kubectl get nodes -l '!type' -o name").ShouldBe("node/w-1\nnode/w-3\n");
        h.Ok("kubectl get pods -n logging -l name=fluentd -o name").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
    }

    [Fact]
    public void NoResourcesFound()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl get pods").ShouldBe("No resources found in default namespace.\n");
        h.Ok("kubectl get ds -n kube-system").ShouldBe("No resources found in kube-system namespace.\n");
        h.Ok("kubectl get nodes -l nope=x").ShouldBe("No resources found\n");
        h.Ok("kubectl get pods -A -l nope=x").ShouldBe("No resources found\n");
    }

    [Fact]
    public void GetAllNamespacesHasANamespaceColumn()
    {
        using var h = ScriptHarness.WithFluentd();
        var output = h.Ok("kubectl get ds -A");
        output.ShouldStartWith("NAMESPACE   NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n");
        output.ShouldContain("logging     fluentd   3         3         3       3            3           <none>          ");
    }

    [Fact]
    public void GetMissingObject()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl get ds nope -n logging").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
        h.Fail("kubectl get node nope").ShouldBe("Error from server (NotFound): nodes \"nope\" not found\n");
    }

    [Fact]
    public void GetOneObjectAsJsonIsNotWrapped()
    {
        using var h = ScriptHarness.WithFluentd();
        var output = h.Ok("kubectl get ds fluentd -n logging -o json");
        output.ShouldStartWith("{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"DaemonSet\",\n    \"metadata\": {\n");
        var ds = JsonNode.Parse(output)!;
        ds["status"]!["desiredNumberScheduled"]!.GetValue<int>().ShouldBe(3);
        ds["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>().ShouldEndWith("}\n");
    }

    [Fact]
    public void GetAKindAsYamlIsAList()
    {
        using var h = ScriptHarness.WithFluentd();
        var output = h.Ok("kubectl get ds -n logging -o yaml");
        output.ShouldStartWith("apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata:\n    annotations:\n      deprecated.daemonset.template.generation: \"1\"\n      kubectl.kubernetes.io/last-applied-configuration: |\n        {\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",");
        output.ShouldEndWith("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    [Fact]
    public void GetNothingAsJsonIsAnEmptyList()
    {
        using var h = new ScriptHarness();
        h.Ok("kubectl get pods -o json").ShouldBe("{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }

    [Fact]
    public void GetUnknownOutputFormat()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl get nodes -o table").ShouldStartWith("error: unable to match a printer suitable for the output format \"table\"");
    }

    [Fact]
    public void GetUnknownResourceType()
    {
        using var h = new ScriptHarness();
        h.Fail("kubectl get widgets").ShouldBe("error: the server doesn't have a resource type \"widgets\"\n");
    }

    // ----- describe -----

    [Fact]
    public void DescribeFallsBackToANamePrefix()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl describe ds flu -n logging").ShouldStartWith("Name:           fluentd\n");
        var nodes = h.Ok("kubectl describe node w-");
        nodes.Split('\n').Count(l => l.StartsWith("Name:", StringComparison.Ordinal)).ShouldBe(3);
        h.Fail("kubectl describe ds nope -n logging").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    [Fact]
    public void DescribeExactNameWins()
    {
        using var h = new ScriptHarness();
        h.Ok("sim nodes create --count 11 --prefix w-");
        var output = h.Ok("kubectl describe node w-1");
        output.Split('\n').Count(l => l.StartsWith("Name:", StringComparison.Ordinal)).ShouldBe(1);
    }

    // ----- delete -----

    [Fact]
    public void DeleteOrphanKeepsPodsAndDropsTheirOwner()
    {
        using var h = ScriptHarness.WithFluentd();

        h.Ok("kubectl delete ds fluentd -n logging --cascade=orphan").ShouldStartWith("daemonset.apps \"fluentd\" deleted");
        h.Ok("sim settle");

        var state = h.Session.Sim.State;
        state.GetDaemonSet("logging", "fluentd").ShouldBeNull();
        var pods = state.Pods.Values.Where(p => p.Namespace == "logging").ToList();
        pods.Count.ShouldBe(3);
        pods.ShouldAllBe(p => p.Metadata.OwnerReferences.IsEmpty);
    }

    [Fact]
    public void DeleteCascadeFalseWarns()
    {
        using var h = ScriptHarness.WithFluentd();
        var output = h.Ok("kubectl delete ds fluentd -n logging --cascade=false");
        output.ShouldStartWith("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\ndaemonset.apps \"fluentd\" deleted");
        h.Ok("sim settle");
        h.Session.Sim.State.Pods.Values.Count(p => p.Namespace == "logging").ShouldBe(3);
    }

    [Fact]
    public void DeletePrintsTheNamespaceOfNamespacedObjects()
    {
        // kubectl 1.34 (the version the simulated nodes report) names the namespace of what it deleted.
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl delete ds fluentd -n logging").ShouldBe("daemonset.apps \"fluentd\" deleted from logging namespace\n");
        h.Ok("kubectl delete node w-3").ShouldBe("node \"w-3\" deleted\n");
    }

    [Fact]
    public void DeleteForegroundRemovesPodsThenTheDaemonSet()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl delete ds fluentd -n logging --cascade=foreground").ShouldStartWith("daemonset.apps \"fluentd\" deleted");
        h.Ok("sim settle");
        h.Session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldBeNull();
        h.Session.Sim.State.Pods.Values.Count(p => p.Namespace == "logging").ShouldBe(0);
    }

    [Fact]
    public void DeleteMissingObject()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl delete ds nope -n logging").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    [Fact]
    public void DeleteWithABadCascade()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl delete ds fluentd -n logging --cascade=maybe").ShouldBe("error: invalid cascade value (maybe). Must be \"background\", \"foreground\", or \"orphan\"\n");
        h.Session.Sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();
    }

    // ----- rollout -----

    [Fact]
    public void RolloutUndoWithoutHistory()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl rollout undo ds/fluentd -n logging").ShouldBe("error: no last revision to roll back to\n");
    }

    [Fact]
    public void RolloutUndoAndRevisions()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl set image ds/fluentd fluentd-elasticsearch=fluentd:v2.6.0 -n logging").ShouldBe("daemonset.apps/fluentd image updated\n");
        h.Ok("kubectl rollout status ds/fluentd -n logging").ShouldEndWith("daemon set \"fluentd\" successfully rolled out\n");

        h.Fail("kubectl rollout undo ds/fluentd -n logging --to-revision=9").ShouldBe("error: unable to find specified revision 9 in history\n");
        h.Ok("kubectl rollout undo ds/fluentd -n logging --to-revision=2")
            .ShouldBe("daemonset.apps/fluentd skipped rollback (current template already matches revision 2)\n");
        h.Ok("kubectl rollout undo ds/fluentd -n logging").ShouldBe("daemonset.apps/fluentd rolled back\n");
        h.Ok("sim settle");

        h.Session.Sim.State.GetDaemonSet("logging", "fluentd")!.Spec.Template.Spec.Containers[0].Image.ShouldBe("quay.io/fluentd_elasticsearch/fluentd:v2.5.2");
        h.Ok("kubectl rollout history ds/fluentd -n logging").ShouldBe("daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    }

    [Fact]
    public void RolloutHistoryOfOneRevision()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl rollout history ds/fluentd -n logging --revision=1").ShouldStartWith("daemonset.apps/fluentd with revision #1\nPod Template:\n");
        h.Fail("kubectl rollout history ds/fluentd -n logging --revision=7").ShouldBe("error: unable to find the specified revision\n");
    }

    [Fact]
    public void RolloutRestart()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl rollout restart ds/fluentd -n logging").ShouldBe("daemonset.apps/fluentd restarted\n");
        h.Session.Sim.State.GetDaemonSet("logging", "fluentd")!.Spec.Template.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/restartedAt").ShouldBeTrue();
    }

    [Fact]
    public void RolloutStatusOfAnOnDeleteDaemonSet()
    {
        using var h = ScriptHarness.WithFluentd(ManifestTexts.Fluentd().Replace("  selector:", "  updateStrategy:\n    type: OnDelete\n  selector:", StringComparison.Ordinal));
        h.Fail("kubectl rollout status ds/fluentd -n logging").ShouldBe("error: rollout status is only available for RollingUpdate strategy type\n");
    }

    [Fact]
    public void RolloutOfAMissingDaemonSet()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl rollout restart ds/nope -n logging").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    // ----- set image / patch -----

    [Fact]
    public void SetImageOfAnUnknownContainer()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl set image ds/fluentd nope=fluentd:v2 -n logging").ShouldBe("error: unable to find container named \"nope\"\n");
    }

    [Fact]
    public void PatchMergeChangesTheNodeSelector()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Ok("kubectl label node w-1 type=platform-tools");
        const string patch = "'{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"type\":\"platform-tools\"}}}}}'";

        h.Ok($"kubectl patch ds fluentd -n logging --type=merge -p {patch}").ShouldBe("daemonset.apps/fluentd patched\n");
        h.Ok($"kubectl patch ds fluentd -n logging --type=merge -p {patch}").ShouldBe("daemonset.apps/fluentd patched (no change)\n");
        h.Ok("sim settle");

        h.Session.Sim.State.GetDaemonSet("logging", "fluentd")!.Spec.Template.Spec.NodeSelector.ShouldBe(StringMap.Of("type", "platform-tools"));
        h.Ok("expect pods -l name=fluentd -n logging on=w-1");
        h.Ok("expect ds/fluentd -n logging desired=1");
    }

    [Fact]
    public void PatchMergeNullRemovesAKey()
    {
        using var h = ScriptHarness.WithFluentd(ManifestTexts.Fluentd(nodeSelector: "      nodeSelector:\n        type: platform-tools"));
        h.Ok("kubectl patch ds fluentd -n logging --type=merge -p '{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"type\":null}}}}}'")
            .ShouldBe("daemonset.apps/fluentd patched\n");
        h.Session.Sim.State.GetDaemonSet("logging", "fluentd")!.Spec.Template.Spec.NodeSelector.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void PatchOfAMissingDaemonSet()
    {
        using var h = ScriptHarness.WithFluentd();
        h.Fail("kubectl patch ds nope -n logging --type=merge -p '{}'").ShouldBe("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }
}
