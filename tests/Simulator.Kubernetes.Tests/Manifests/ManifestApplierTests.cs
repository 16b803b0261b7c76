using System.Text.Json;
using k8s.Models;
using Simulator.Engine;
using Simulator.Kubernetes.Manifests;
using Simulator.Model;

namespace Simulator.Kubernetes.Tests.Manifests;

public sealed class ManifestApplierTests
{
    private static Simulation NewSim() => new(new SimulationOptions { Seed = 1 });

    private static ApplyResult Apply(Simulation sim, string text, ApplyMode mode = ApplyMode.Apply, string source = "f.yaml", string ns = "default", bool flag = false) =>
        ManifestApplier.Apply(sim, ManifestReader.ReadText(text, source), mode, ns, flag);

    private static string Both(string a, string b) => a + "\n---\n" + b;

    [Fact]
    public void CreatedThenUnchangedThenConfigured()
    {
        var sim = NewSim();
        var text = Both(ManifestTexts.LoggingNamespace, ManifestTexts.Fluentd());

        Apply(sim, text).Lines.ShouldBe(["namespace/logging created", "daemonset.apps/fluentd created"]);
        Apply(sim, text).Lines.ShouldBe(["namespace/logging unchanged", "daemonset.apps/fluentd unchanged"]);
        Apply(sim, Both(ManifestTexts.LoggingNamespace, ManifestTexts.Fluentd(image: "fluentd:v2.6.0"))).Lines
            .ShouldBe(["namespace/logging unchanged", "daemonset.apps/fluentd configured"]);

        sim.State.GetDaemonSet("logging", "fluentd")!.Spec.Template.Spec.Containers[0].Image.ShouldBe("fluentd:v2.6.0");
    }

    [Fact]
    public void PriorityClassReappliedIsUnchangedAndARelabelIsConfigured()
    {
        var sim = NewSim();
        const string pc = """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: high-priority
            value: 100000
            description: "daemonset priority class"
            """;
        Apply(sim, pc).Lines.ShouldBe(["priorityclass.scheduling.k8s.io/high-priority created"]);
        var stored = sim.State.PriorityClasses["high-priority"];
        Apply(sim, pc).Lines.ShouldBe(["priorityclass.scheduling.k8s.io/high-priority unchanged"]);
        sim.State.PriorityClasses["high-priority"].ShouldBeSameAs(stored);

        var relabelled = pc.Replace("  name: high-priority", "  name: high-priority\n  labels:\n    tier: system", StringComparison.Ordinal);
        Apply(sim, relabelled).Lines.ShouldBe(["priorityclass.scheduling.k8s.io/high-priority configured"]);
        sim.State.PriorityClasses["high-priority"].Metadata.Labels["tier"].ShouldBe("system");
    }

    [Fact]
    public void ResourceNamesOfEveryKind()
    {
        var sim = NewSim();
        var text = """
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
            ---
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: high
            value: 1000
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: c
                image: nginx
            """;
        Apply(sim, text).Lines.ShouldBe(["node/w1 created", "priorityclass.scheduling.k8s.io/high created", "pod/p created"]);
        sim.State.GetPod("default", "p").ShouldNotBeNull();
    }

    [Fact]
    public void CreateOfAnExistingObjectIsAlreadyExists()
    {
        var sim = NewSim();
        Apply(sim, ManifestTexts.LoggingNamespace, ApplyMode.Create).Lines.ShouldBe(["namespace/logging created"]);

        var e = Should.Throw<ManifestException>(() => Apply(sim, ManifestTexts.LoggingNamespace, ApplyMode.Create, "ns.yaml"));
        e.Message.ShouldBe("Error from server (AlreadyExists): error when creating \"ns.yaml\": namespaces \"logging\" already exists");
    }

    [Fact]
    public void CreateOfAnExistingDaemonSetIsAlreadyExists()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging");
        Apply(sim, ManifestTexts.Fluentd(), ApplyMode.Create);
        Should.Throw<ManifestException>(() => Apply(sim, ManifestTexts.Fluentd(), ApplyMode.Create, "ds.yaml"))
            .Message.ShouldBe("Error from server (AlreadyExists): error when creating \"ds.yaml\": daemonsets.apps \"fluentd\" already exists");
    }

    [Fact]
    public void CreateDoesNotRecordLastApplied()
    {
        var sim = NewSim();
        Apply(sim, ManifestTexts.LoggingNamespace, ApplyMode.Create);
        sim.State.Namespaces["logging"].Metadata.Annotations.ContainsKey(ManifestApplier.LastAppliedAnnotation).ShouldBeFalse();
    }

    [Fact]
    public void LastAppliedIsTheManifestAsCompactSortedJsonWithTheNamespace()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging");
        Apply(sim, ManifestTexts.Fluentd(ns: ""), ns: "logging", flag: true);

        var annotation = sim.State.GetDaemonSet("logging", "fluentd")!.Metadata.Annotations[ManifestApplier.LastAppliedAnnotation];

        annotation.ShouldEndWith("}\n");
        annotation.ShouldNotContain("\n  ");
        annotation.ShouldStartWith("{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"metadata\":{\"annotations\":");
        using var doc = JsonDocument.Parse(annotation);
        var metadata = doc.RootElement.GetProperty("metadata");
        metadata.GetProperty("namespace").GetString().ShouldBe("logging");
        metadata.GetProperty("name").GetString().ShouldBe("fluentd");
        metadata.GetProperty("labels").GetProperty("k8s-app").GetString().ShouldBe("fluentd-logging");
        // What was applied, not what the API server defaulted.
        doc.RootElement.GetProperty("spec").TryGetProperty("updateStrategy", out _).ShouldBeFalse();
        doc.RootElement.GetProperty("spec").TryGetProperty("revisionHistoryLimit", out _).ShouldBeFalse();
        doc.RootElement.TryGetProperty("status", out _).ShouldBeFalse();
    }

    [Fact]
    public void LastAppliedDoesNotContainItself()
    {
        var sim = NewSim();
        Apply(sim, ManifestTexts.LoggingNamespace);
        Apply(sim, ManifestTexts.LoggingNamespace.Replace("name: logging", "name: logging\n  labels:\n    team: obs", StringComparison.Ordinal));
        var annotation = sim.State.Namespaces["logging"].Metadata.Annotations[ManifestApplier.LastAppliedAnnotation];
        annotation.ShouldNotContain(ManifestApplier.LastAppliedAnnotation);
        annotation.ShouldBe("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"annotations\":{},\"labels\":{\"team\":\"obs\"},\"name\":\"logging\"}}\n");
    }

    [Fact]
    public void ThreeWayMergeRemovesDroppedLabelsButKeepsImperativeOnes()
    {
        var sim = NewSim();
        var node = """
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
              labels:
                pool: a
                tier: gold
            """;
        Apply(sim, node);
        sim.LabelNode("w1", "kubectl-added", "yes");

        var result = Apply(sim, node.Replace("\n    tier: gold", "", StringComparison.Ordinal));

        result.Lines.ShouldBe(["node/w1 configured"]);
        var labels = sim.State.Nodes["w1"].Metadata.Labels;
        labels.ContainsKey("tier").ShouldBeFalse();
        labels["pool"].ShouldBe("a");
        labels["kubectl-added"].ShouldBe("yes");
    }

    [Fact]
    public void ThreeWayMergeOfDaemonSetAnnotations()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging");
        Apply(sim, ManifestTexts.Fluentd().Replace("  labels:\n    k8s-app", "  annotations:\n    a: one\n    b: two\n  labels:\n    k8s-app", StringComparison.Ordinal));
        sim.UpdateDaemonSet(sim.State.GetDaemonSet("logging", "fluentd")! is var ds
            ? ds with { Metadata = ds.Metadata with { Annotations = ds.Metadata.Annotations.With("c", "imperative") } }
            : throw new InvalidOperationException());

        Apply(sim, ManifestTexts.Fluentd().Replace("  labels:\n    k8s-app", "  annotations:\n    a: one\n  labels:\n    k8s-app", StringComparison.Ordinal));

        var annotations = sim.State.GetDaemonSet("logging", "fluentd")!.Metadata.Annotations;
        annotations.ContainsKey("b").ShouldBeFalse();
        annotations["a"].ShouldBe("one");
        annotations["c"].ShouldBe("imperative");
    }

    [Fact]
    public void BadObjectInABatchChangesNothing()
    {
        var sim = NewSim();
        var before = sim.State;
        // The DaemonSet's selector does not match its template labels: the API server refuses it.
        var bad = ManifestTexts.Fluentd().Replace("        name: fluentd\n    spec:", "        name: other\n    spec:", StringComparison.Ordinal);

        var e = Should.Throw<ManifestException>(() => Apply(sim, Both(ManifestTexts.LoggingNamespace, bad), source: "stack.yaml"));

        e.Message.ShouldStartWith("Error from server (Invalid): error when creating \"stack.yaml\": DaemonSet.apps \"fluentd\" is invalid: ");
        sim.State.Namespaces.ContainsKey("logging").ShouldBeFalse();
        sim.State.ShouldBeSameAs(before);
    }

    [Fact]
    public void BadUpdateInABatchLeavesEarlierObjectsUnchanged()
    {
        var sim = NewSim();
        Apply(sim, """
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
            """);
        var batch = """
            apiVersion: v1
            kind: Node
            metadata:
              name: w1
              labels:
                pool: a
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: missing
            spec:
              containers:
              - name: c
                image: nginx
            """;

        var e = Should.Throw<ManifestException>(() => Apply(sim, batch, source: "b.yaml"));

        e.Message.ShouldBe("Error from server (NotFound): error when creating \"b.yaml\": namespaces \"missing\" not found");
        sim.State.Nodes["w1"].Metadata.Labels.ContainsKey("pool").ShouldBeFalse();
    }

    [Fact]
    public void NamespaceFlagMismatch()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging");
        sim.CreateNamespace("other");
        Should.Throw<ManifestException>(() => Apply(sim, ManifestTexts.Fluentd(), ns: "other", flag: true)).Message.ShouldBe(
            "error: the namespace from the provided object \"logging\" does not match the namespace \"other\". You must pass '--namespace=logging' to perform this operation.");
        sim.State.GetDaemonSet("logging", "fluentd").ShouldBeNull();
    }

    [Fact]
    public void NamespaceFlagDoesNotApplyToClusterScopedObjects()
    {
        var sim = NewSim();
        Apply(sim, ManifestTexts.LoggingNamespace, ns: "other", flag: true).Lines.ShouldBe(["namespace/logging created"]);
    }

    [Fact]
    public void NamespaceFlagFillsInAMissingNamespace()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging");
        Apply(sim, ManifestTexts.Fluentd(ns: ""), ns: "logging", flag: true).Lines.ShouldBe(["daemonset.apps/fluentd created"]);
        sim.State.GetDaemonSet("logging", "fluentd").ShouldNotBeNull();
    }

    [Fact]
    public void WarnRestrictedPrintsPodSecurityWarning()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging", StringMap.Of("pod-security.kubernetes.io/warn", "restricted"));

        var result = Apply(sim, ManifestTexts.Fluentd());

        result.Lines.ShouldBe(["daemonset.apps/fluentd created"]);
        result.Warnings.ShouldBe([
            "would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"fluentd-elasticsearch\" must set securityContext.allowPrivilegeEscalation=false), "
            + "unrestricted capabilities (container \"fluentd-elasticsearch\" must set securityContext.capabilities.drop=[\"ALL\"]), "
            + "runAsNonRoot != true (pod or container \"fluentd-elasticsearch\" must set securityContext.runAsNonRoot=true), "
            + "seccompProfile (pod or container \"fluentd-elasticsearch\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
        ]);
    }

    [Fact]
    public void EnforceBaselineRejectsAPodWithAHostPath()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging", StringMap.Of("pod-security.kubernetes.io/enforce", "baseline"));
        var pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              namespace: logging
            spec:
              containers:
              - name: c
                image: nginx
              volumes:
              - name: varlog
                hostPath:
                  path: /var/log
            """;

        Should.Throw<ManifestException>(() => Apply(sim, pod, source: "pod.yaml")).Message.ShouldBe(
            "Error from server (Forbidden): error when creating \"pod.yaml\": pods \"p\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes (volume \"varlog\")");
    }

    [Fact]
    public void EnforceBaselineDoesNotRefuseTheDaemonSetItself()
    {
        var sim = NewSim();
        sim.CreateNamespace("logging", StringMap.Of("pod-security.kubernetes.io/enforce", "baseline"));
        var ds = ManifestTexts.Fluentd().Replace("      containers:", "      volumes:\n      - name: varlog\n        hostPath:\n          path: /var/log\n      containers:", StringComparison.Ordinal);
        Apply(sim, ds).Lines.ShouldBe(["daemonset.apps/fluentd created"]);
    }

    [Fact]
    public void ControllerRevisionsCannotBeApplied()
    {
        var sim = NewSim();
        var text = """
            apiVersion: apps/v1
            kind: ControllerRevision
            metadata:
              name: fluentd-abc
              namespace: default
            revision: 1
            """;
        Should.Throw<ManifestException>(() => Apply(sim, text, source: "cr.yaml")).Message.ShouldStartWith("Error from server (Forbidden): error when creating \"cr.yaml\": ");
    }

    [Fact]
    public void ApplyKubernetesClientObjects()
    {
        var sim = NewSim();
        var result = ManifestApplier.Apply(sim, new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = "a" } });
        result.Lines.ShouldBe(["namespace/a created"]);
    }
}
