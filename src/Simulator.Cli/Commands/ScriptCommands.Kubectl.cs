using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Simulator.Cli.Scripting;
using Simulator.Engine;
using Simulator.Kubernetes;
using Simulator.Kubernetes.Manifests;
using Simulator.Kubernetes.Output;
using Simulator.Kubernetes.Selectors;
using Simulator.Kubernetes.Views;
using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Cli.Commands;

internal sealed partial class ScriptCommands
{
    private void AddKubectl(Command kubectl)
    {
        Leaf(kubectl, "apply", "Apply manifests (file or folder).", r => ApplyFiles(r, ApplyMode.Apply),
            new Option<string[]>("--filename", "-f") { Description = "Files or folders.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false },
            Flag("--recursive", "-R"), NamespaceOption());

        var create = Leaf(kubectl, "create", "Create from manifests, or a namespace.", r => ApplyFiles(r, ApplyMode.Create),
            new Option<string[]>("--filename", "-f") { Arity = ArgumentArity.OneOrMore }, Flag("--recursive", "-R"), NamespaceOption());
        var createNamespace = Leaf(create, "namespace", "Create a namespace.", CreateNamespace, new Argument<string>("name"));
        createNamespace.Aliases.Add("ns");

        Leaf(kubectl, "get", "Show objects as kubectl tables or objects.", Get,
            Words(), NamespaceOption(), Flag("--all-namespaces", "-A"), Text("--selector", "-l"), Text("--output", "-o"), Flag("--show-labels"));
        Leaf(kubectl, "describe", "Describe nodes, pods and daemonsets.", Describe, Words(), NamespaceOption(), Flag("--all-namespaces", "-A"), Text("--selector", "-l"));
        Leaf(kubectl, "label", "Add or remove labels.", Label, Words(), NamespaceOption(), Flag("--overwrite"));
        Leaf(kubectl, "taint", "Add or remove node taints.", Taint, Words(), Flag("--overwrite"));
        Leaf(kubectl, "cordon", "Mark a node unschedulable.", r => Cordon(r, true), new Argument<string>("node"));
        Leaf(kubectl, "uncordon", "Mark a node schedulable.", r => Cordon(r, false), new Argument<string>("node"));
        Leaf(kubectl, "drain", "Cordon a node and evict its pods.", Drain,
            new Argument<string>("node"), Flag("--ignore-daemonsets"), Flag("--delete-emptydir-data"), Flag("--force"));
        Leaf(kubectl, "delete", "Delete objects.", Delete,
            Words(), NamespaceOption(), Text("--cascade"), new Option<string[]>("--filename", "-f") { Arity = ArgumentArity.OneOrMore }, Text("--selector", "-l"));

        var rollout = new Command("rollout", "Manage DaemonSet rollouts.");
        kubectl.Subcommands.Add(rollout);
        Leaf(rollout, "status", "Wait for a rollout to finish.", RolloutStatus, Words(), NamespaceOption(), Text("--watch", "-w"), Text("--timeout"));
        Leaf(rollout, "history", "Show revisions.", RolloutHistory, Words(), NamespaceOption(), new Option<long>("--revision"));
        Leaf(rollout, "undo", "Roll back to a revision.", RolloutUndo, Words(), NamespaceOption(), new Option<long>("--to-revision"));
        Leaf(rollout, "restart", "Restart every pod.", RolloutRestart, Words(), NamespaceOption());

        var set = new Command("set", "Set fields.");
        kubectl.Subcommands.Add(set);
        Leaf(set, "image", "Set container images.", SetImage, Words(), NamespaceOption());
        Leaf(kubectl, "patch", "Patch an object.", Patch, Words(), NamespaceOption(), Text("--type"), Text("--patch", "-p"));
    }

    // ----- apply / create -----

    private string ApplyFiles(ParseResult r, ApplyMode mode)
    {
        var files = r.GetValue<string[]>("--filename") ?? [];
        if (files.Length == 0)
        {
            throw new CommandException(mode == ApplyMode.Apply
                ? "error: must specify one of -f and -k"
                : "error: must specify one of -f and -k\n\nUse \"kubectl create --help\" for more information.");
        }

        var objects = new List<ManifestObject>();
        foreach (var file in files)
        {
            objects.AddRange(ReadManifests(file, r.GetValue<bool>("--recursive")));
        }

        var ns = r.GetValue<string>("--namespace");
        var result = ManifestApplier.Apply(Session.Sim, objects, mode, ns ?? "default", ns is not null);
        return Warnings(result.Warnings) + Lines(result.Lines);
    }

    private List<ManifestObject> ReadManifests(string file, bool recursive)
    {
        // Errors name the file as it was written in the script, as kubectl names what it was given.
        return [.. ManifestReader.ReadPath(Session.Resolve(file), recursive, file)];
    }

    private string CreateNamespace(ParseResult r)
    {
        var name = r.GetValue<string>("name")!;
        Session.Sim.CreateNamespace(name);
        return $"namespace/{name} created\n";
    }

    // ----- get -----

    private string Get(ParseResult r)
    {
        var words = Args(r);
        if (words.Length == 0)
        {
            throw new CommandException("error: You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.");
        }

        var output = r.GetValue<string>("--output") ?? "";
        if (output is not ("" or "wide" or "json" or "yaml" or "name"))
        {
            throw new CommandException($"error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: json,name,wide,yaml");
        }

        var all = r.GetValue<bool>("--all-namespaces");
        var ns = all ? null : r.GetValue<string>("--namespace") ?? "default";
        var selector = r.GetValue<string>("--selector") is { } s ? LabelSelectorParser.Parse(s) : null;
        var requests = Targets(words);
        var sim = Session.Sim;
        var text = new StringBuilder();
        var errors = new StringBuilder();
        var printed = new List<(ResourceKind Kind, object Obj)>();
        var byName = requests.All(q => q.Names.Count > 0);
        foreach (var (kind, names) in requests)
        {
            var scope = kind.Namespaced ? ns : null;
            var objects = new List<object>();
            if (names.Count == 0)
            {
                objects.AddRange(kind.List(sim, scope).Where(o => selector is null || selector.Matches(ResourceKind.LabelsOf(o))));
            }
            else
            {
                foreach (var name in names)
                {
                    var match = kind.List(sim, scope).FirstOrDefault(o => ResourceKind.NameOf(o) == name);
                    if (match is null)
                    {
                        errors.Append($"Error from server (NotFound): {kind.Qualified} \"{name}\" not found\n");
                    }
                    else
                    {
                        objects.Add(match);
                    }
                }
            }

            printed.AddRange(objects.Select(o => (kind, o)));
            if (output is "" or "wide" && objects.Count > 0)
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                var table = KubectlTables.Render(kind.View, objects, sim.State, sim.Now, output == "wide", all && kind.Namespaced);
                text.Append(r.GetValue<bool>("--show-labels") ? WithLabels(table, objects) : table);
            }
        }

        switch (output)
        {
            case "name":
                text.Append(string.Concat(printed.Select(p => $"{p.Kind.Singular}/{ResourceKind.NameOf(p.Obj)}\n")));
                break;
            case "json" or "yaml":
                var objects = printed.Select(p => ResourceKind.ToKubernetes(p.Obj)).ToList();
                var asList = !(byName && printed.Count == 1 && requests.Count == 1 && requests[0].Names.Count == 1);
                if (objects.Count > 0 || (asList && errors.Length == 0))
                {
                    text.Append(output == "json" ? KubectlOutput.Json(objects, asList) : KubectlOutput.Yaml(objects, asList));
                }

                break;
        }

        if (printed.Count == 0 && errors.Length == 0 && output is not ("json" or "yaml"))
        {
            var cluster = requests.All(q => !q.Kind.Namespaced) || all;
            text.Append(cluster ? "No resources found\n" : $"No resources found in {ns} namespace.\n");
        }

        if (errors.Length > 0)
        {
            throw new CommandException(text.ToString() + errors.ToString().TrimEnd('\n'));
        }

        return text.ToString();
    }

    /// <summary>--show-labels: one more tabwriter column, so the last column is padded to its widest cell plus three spaces.</summary>
    private static string WithLabels(string table, List<object> objects)
    {
        var lines = table.TrimEnd('\n').Split('\n');
        var width = lines.Max(l => l.Length) + 3;
        var rows = lines.Select((line, i) => line.PadRight(width) + (i == 0
            ? "LABELS"
            : ResourceKind.LabelsOf(objects[i - 1]) is { Count: > 0 } labels ? string.Join(",", labels.Select(kv => kv.Key + "=" + kv.Value)) : "<none>"));
        return string.Join("\n", rows) + "\n";
    }

    /// <summary>kubectl's resource arguments: <c>KIND [NAME...]</c>, <c>KIND,KIND</c> or <c>KIND/NAME ...</c>.</summary>
    private static List<(ResourceKind Kind, List<string> Names)> Targets(string[] words)
    {
        var targets = new List<(ResourceKind Kind, List<string> Names)>();
        if (words[0].Contains('/', StringComparison.Ordinal))
        {
            foreach (var word in words)
            {
                var slash = word.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    throw new CommandException("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
                }

                var kind = ResourceKind.Resolve(word[..slash]);
                var existing = targets.FindIndex(t => t.Kind == kind);
                if (existing < 0)
                {
                    targets.Add((kind, [word[(slash + 1)..]]));
                }
                else
                {
                    targets[existing].Names.Add(word[(slash + 1)..]);
                }
            }

            return targets;
        }

        var kinds = words[0].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ResourceKind.Resolve).ToList();
        var names = words.Skip(1).ToList();
        if (kinds.Count > 1 && names.Count > 0)
        {
            throw new CommandException("error: you must specify only one resource type when naming objects");
        }

        targets.AddRange(kinds.Select(k => (k, names)));
        return targets;
    }

    // ----- describe -----

    private string Describe(ParseResult r)
    {
        var words = Args(r);
        if (words.Length == 0)
        {
            throw new CommandException("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
        }

        var all = r.GetValue<bool>("--all-namespaces");
        var ns = all ? null : r.GetValue<string>("--namespace") ?? "default";
        var selector = r.GetValue<string>("--selector") is { } s ? LabelSelectorParser.Parse(s) : null;
        var sim = Session.Sim;
        var parts = new List<string>();
        foreach (var (kind, names) in Targets(words))
        {
            if (kind != ResourceKind.Nodes && kind != ResourceKind.Pods && kind != ResourceKind.DaemonSets)
            {
                throw new CommandException($"error: describe is supported for nodes, pods and daemonsets, not {kind.Plural}");
            }

            var candidates = kind.List(sim, kind.Namespaced ? ns : null);
            var chosen = new List<object>();
            if (names.Count == 0)
            {
                chosen.AddRange(candidates.Where(o => selector is null || selector.Matches(ResourceKind.LabelsOf(o))));
            }

            foreach (var name in names)
            {
                // kubectl describe falls back to a name prefix when no object has exactly that name.
                var exact = candidates.Where(o => ResourceKind.NameOf(o) == name).ToList();
                var found = exact.Count > 0 ? exact : candidates.Where(o => ResourceKind.NameOf(o).StartsWith(name, StringComparison.Ordinal)).ToList();
                if (found.Count == 0)
                {
                    throw new CommandException($"Error from server (NotFound): {kind.Qualified} \"{name}\" not found");
                }

                chosen.AddRange(found);
            }

            parts.AddRange(chosen.Select(o => o switch
            {
                Node n => KubectlDescribe.Node(sim, n),
                Pod p => KubectlDescribe.Pod(sim, p),
                DaemonSet d => KubectlDescribe.DaemonSet(sim, d),
                _ => "",
            }));
        }

        if (parts.Count == 0)
        {
            return ns is null ? "No resources found\n" : $"No resources found in {ns} namespace.\n";
        }

        return string.Join("\n\n", parts.Select(p => p.TrimEnd('\n'))) + "\n";
    }

    // ----- label / taint / cordon / drain -----

    private string Label(ParseResult r)
    {
        var words = Args(r);
        if (words.Length < 2)
        {
            throw new CommandException("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }

        var (kind, name, rest) = KindAndName(words);
        if (rest.Length == 0)
        {
            throw new CommandException("error: at least one label update is required");
        }

        var overwrite = r.GetValue<bool>("--overwrite");
        var ns = r.GetValue<string>("--namespace") ?? "default";
        var sim = Session.Sim;
        var labels = kind == ResourceKind.Nodes
            ? (sim.State.GetNode(name) ?? throw NotFound(kind, name)).Metadata.Labels
            : kind == ResourceKind.Pods
                ? (sim.State.GetPod(ns, name) ?? throw NotFound(kind, name)).Metadata.Labels
                : throw new CommandException($"error: kubesim labels nodes and pods, not {kind.Plural}");
        var updated = labels;
        var notes = new StringBuilder();
        foreach (var change in rest)
        {
            if (change.EndsWith('-'))
            {
                var key = change[..^1];
                if (!updated.ContainsKey(key))
                {
                    notes.Append($"label \"{key}\" not found.\n");
                }

                updated = updated.Without(key);
                continue;
            }

            var eq = change.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CommandException($"error: at least one label update is required");
            }

            var key2 = change[..eq];
            var value = change[(eq + 1)..];
            if (!overwrite && labels.GetValueOrDefault(key2) is { } existing && existing != value)
            {
                throw new CommandException($"error: '{key2}' already has a value ({existing}), and --overwrite is false");
            }

            updated = updated.With(key2, value);
        }

        if (updated != labels)
        {
            if (kind == ResourceKind.Nodes)
            {
                sim.UpdateNode(name, n => n with { Metadata = n.Metadata with { Labels = updated } });
            }
            else
            {
                sim.UpdatePod(ns, name, p => p with { Metadata = p.Metadata with { Labels = updated } });
            }
        }

        return notes + $"{kind.Singular}/{name} {LabelChange(labels, updated)}\n";
    }

    /// <summary>kubectl's words for what a label command did.</summary>
    private static string LabelChange(StringMap before, StringMap after)
    {
        var removed = before.Any(kv => !after.ContainsKey(kv.Key));
        var added = after.Any(kv => before.GetValueOrDefault(kv.Key) != kv.Value);
        return (added, removed) switch
        {
            (true, true) => "label(s) changed",
            (true, false) => "labeled",
            (false, true) => "unlabeled",
            _ => "not labeled",
        };
    }

    private string Taint(ParseResult r)
    {
        var words = Args(r);
        if (words.Length < 2)
        {
            throw new CommandException("error: at least one taint update is required");
        }

        var (kind, name, rest) = KindAndName(words);
        if (kind != ResourceKind.Nodes)
        {
            throw new CommandException($"error: invalid resource type {kind.Plural}, only node types are supported");
        }

        if (rest.Length == 0)
        {
            throw new CommandException("error: at least one taint update is required");
        }

        var sim = Session.Sim;
        var node = sim.State.GetNode(name) ?? throw NotFound(kind, name);
        var taints = node.Spec.Taints.ToList();
        var added = false;
        var removed = false;
        foreach (var spec in rest)
        {
            if (spec.EndsWith('-'))
            {
                var text = spec[..^1];
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                var key = colon < 0 ? text : text[..colon];
                var effect = colon < 0 ? null : text[(colon + 1)..];
                var eq = key.IndexOf('=', StringComparison.Ordinal);
                key = eq < 0 ? key : key[..eq];
                if (effect is not null)
                {
                    RequireEffect(effect);
                }

                var before = taints.Count;
                taints.RemoveAll(t => t.Key == key && (effect is null || t.Effect == effect));
                if (taints.Count == before)
                {
                    throw new CommandException($"error: taint \"{(effect is null ? key : key + ":" + effect)}\" not found");
                }

                removed = true;
                continue;
            }

            var taint = ParseTaint(spec);
            RequireEffect(taint.Effect);

            var same = taints.FindIndex(t => t.Key == taint.Key && t.Effect == taint.Effect);
            if (same >= 0)
            {
                if (!r.GetValue<bool>("--overwrite"))
                {
                    throw new CommandException($"error: node {name} already has {taint.Key} taint(s) with same effect(s) and --overwrite is false");
                }

                taints[same] = taint with { TimeAdded = taints[same].TimeAdded };
            }
            else
            {
                taints.Add(taint.Effect == TaintEffect.NoExecute ? taint with { TimeAdded = sim.Now.TruncateToSeconds() } : taint);
            }

            added = true;
        }

        sim.UpdateNode(name, n => n with { Spec = n.Spec with { Taints = taints.ToEquatableArray() } });

        // kubectl's reorganizeTaints: --overwrite, or adding and removing at once, is "modified".
        var verb = r.GetValue<bool>("--overwrite") || (added && removed) ? "modified" : added ? "tainted" : "untainted";
        return $"node/{name} {verb}\n";
    }

    private static void RequireEffect(string effect)
    {
        if (!TaintEffect.All.Contains(effect))
        {
            throw new CommandException($"error: invalid taint effect: {effect}, unsupported taint effect");
        }
    }

    private string Cordon(ParseResult r, bool cordon)
    {
        var name = r.GetValue<string>("node")!;
        var sim = Session.Sim;
        var node = sim.State.GetNode(name) ?? throw NotFound(ResourceKind.Nodes, name);
        if (node.Spec.Unschedulable == cordon)
        {
            return $"node/{name} already {(cordon ? "cordoned" : "uncordoned")}\n";
        }

        _ = cordon ? sim.Cordon(name) : sim.Uncordon(name);
        return $"node/{name} {(cordon ? "cordoned" : "uncordoned")}\n";
    }

    private string Drain(ParseResult r)
    {
        var name = r.GetValue<string>("node")!;
        var sim = Session.Sim;
        var node = sim.State.GetNode(name) ?? throw NotFound(ResourceKind.Nodes, name);
        var text = new StringBuilder();
        text.Append(node.Spec.Unschedulable ? $"node/{name} already cordoned\n" : $"node/{name} cordoned\n");
        if (!node.Spec.Unschedulable)
        {
            sim.Cordon(name);
        }

        var pods = sim.State.PodsOnNode(name).Where(p => !p.IsTerminal).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var daemonPods = pods.Where(p => p.Metadata.ControllerRef?.Kind == "DaemonSet").ToList();
        var unmanaged = pods.Where(p => p.Metadata.ControllerRef is null).ToList();
        var emptyDir = pods.Where(p => p.Spec.Volumes.Any(v => v.EmptyDir) && p.Metadata.ControllerRef?.Kind != "DaemonSet").ToList();
        var problems = new List<string>();
        if (daemonPods.Count > 0 && !r.GetValue<bool>("--ignore-daemonsets"))
        {
            problems.Add("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + string.Join(", ", daemonPods.Select(p => p.Key)));
        }

        if (unmanaged.Count > 0 && !r.GetValue<bool>("--force"))
        {
            problems.Add("cannot delete Pods that declare no controller (use --force to override): " + string.Join(", ", unmanaged.Select(p => p.Key)));
        }

        if (emptyDir.Count > 0 && !r.GetValue<bool>("--delete-emptydir-data"))
        {
            problems.Add("cannot delete Pods with local storage (use --delete-emptydir-data to override): " + string.Join(", ", emptyDir.Select(p => p.Key)));
        }

        if (problems.Count > 0)
        {
            var joined = problems.Count == 1 ? problems[0] : "[" + string.Join(", ", problems) + "]";
            text.Append($"error: unable to drain node \"{name}\" due to error: {joined}, continuing command...\n");
            text.Append($"There are pending nodes to be drained:\n {name}\n");
            text.Append(string.Join("\n", problems));
            throw new CommandException(text.ToString());
        }

        // kubectl joins the drain warnings into one line.
        var warnings = new List<string>();
        if (daemonPods.Count > 0)
        {
            warnings.Add("ignoring DaemonSet-managed Pods: " + string.Join(", ", daemonPods.Select(p => p.Key)));
        }

        if (unmanaged.Count > 0)
        {
            warnings.Add("deleting Pods that declare no controller: " + string.Join(", ", unmanaged.Select(p => p.Key)));
        }

        if (warnings.Count > 0)
        {
            text.Append("Warning: ").Append(string.Join("; ", warnings)).Append('\n');
        }

        var evict = pods.Where(p => p.Metadata.ControllerRef?.Kind != "DaemonSet").ToList();
        foreach (var pod in evict)
        {
            text.Append($"evicting pod {pod.Key}\n");
        }

        foreach (var pod in evict)
        {
            sim.DeletePod(pod.Namespace, pod.Name);
        }

        // kubectl waits until the evicted pods are gone.
        var deadline = sim.Now + TimeSpan.FromHours(1);
        while (evict.Any(p => sim.State.Pods.TryGetValue(p.Key, out var live) && live.Metadata.Uid == p.Metadata.Uid) && sim.Now < deadline && sim.Step())
        {
        }

        foreach (var pod in evict)
        {
            text.Append($"pod/{pod.Name} evicted\n");
        }

        text.Append($"node/{name} drained\n");
        return text.ToString();
    }

    // ----- delete -----

    private string Delete(ParseResult r)
    {
        var words = Args(r);
        var files = r.GetValue<string[]>("--filename") ?? [];
        var cascade = r.GetValue<string>("--cascade") ?? "background";
        var text = new StringBuilder();
        var propagation = cascade switch
        {
            "background" or "true" => DeletionPropagation.Background,
            "foreground" => DeletionPropagation.Foreground,
            "orphan" or "false" => DeletionPropagation.Orphan,
            _ => throw new CommandException($"error: invalid cascade value ({cascade}). Must be \"background\", \"foreground\", or \"orphan\""),
        };
        if (cascade == "false")
        {
            text.Append("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n");
        }
        else if (cascade == "true")
        {
            text.Append("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n");
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        var targets = new List<(ResourceKind Kind, string Namespace, string Name)>();
        foreach (var file in files)
        {
            targets.AddRange(ReadManifests(file, false).Select(o =>
                (ResourceKind.Resolve(o.Kind), ManifestApplier.IsNamespaced(o.Object) ? (o.Namespace.Length > 0 ? o.Namespace : ns) : "", o.Name)));
        }

        if (words.Length > 0)
        {
            var selector = r.GetValue<string>("--selector") is { } s ? LabelSelectorParser.Parse(s) : null;
            foreach (var (kind, names) in Targets(words))
            {
                var chosen = names.Count > 0
                    ? names
                    : selector is not null
                        ? [.. kind.List(Session.Sim, kind.Namespaced ? ns : null).Where(o => selector.Matches(ResourceKind.LabelsOf(o))).Select(ResourceKind.NameOf)]
                        : throw new CommandException("error: resource(s) were provided, but no name was specified");
                targets.AddRange(chosen.Select(n => (kind, kind.Namespaced ? ns : "", n)));
            }
        }

        if (targets.Count == 0)
        {
            throw new CommandException("error: You must provide one or more resources by argument or filename.");
        }

        var errors = new StringBuilder();
        var sim = Session.Sim;
        foreach (var (kind, targetNs, name) in targets)
        {
            try
            {
                switch (kind)
                {
                    case var k when k == ResourceKind.DaemonSets:
                        sim.DeleteDaemonSet(targetNs, name, propagation);
                        break;
                    case var k when k == ResourceKind.Pods:
                        sim.DeletePod(targetNs, name);
                        break;
                    case var k when k == ResourceKind.Nodes:
                        sim.DeleteNode(name);
                        break;
                    case var k when k == ResourceKind.Namespaces:
                        sim.DeleteNamespace(name);
                        break;
                    case var k when k == ResourceKind.PriorityClasses:
                        sim.DeletePriorityClass(name);
                        break;
                    default:
                        throw new CommandException($"error: kubesim does not delete {kind.Plural}");
                }

                text.Append(kind.Namespaced ? $"{kind.Singular} \"{name}\" deleted from {targetNs} namespace\n" : $"{kind.Singular} \"{name}\" deleted\n");
            }
            catch (ApiException e)
            {
                errors.Append($"Error from server ({e.Reason}): {e.Message}\n");
            }
        }

        if (errors.Length > 0)
        {
            throw new CommandException(text.ToString() + errors.ToString().TrimEnd('\n'));
        }

        return text.ToString();
    }

    // ----- rollout / set image / patch -----

    private DaemonSet RolloutTarget(ParseResult r, string verb)
    {
        var words = Args(r);
        if (words.Length == 0)
        {
            throw new CommandException($"error: required resource not specified\nSee 'kubectl rollout {verb} -h' for help and examples");
        }

        var (kind, name, _) = KindAndName(words);
        if (kind != ResourceKind.DaemonSets)
        {
            throw new CommandException($"error: kubesim rolls out daemonsets, not {kind.Plural}");
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        return Session.Sim.State.GetDaemonSet(ns, name) ?? throw NotFound(kind, name);
    }

    private string RolloutStatus(ParseResult r)
    {
        var ds = RolloutTarget(r, "status");
        var sim = Session.Sim;
        if (ds.Spec.UpdateStrategy.Type != "RollingUpdate")
        {
            throw new CommandException("error: rollout status is only available for RollingUpdate strategy type");
        }

        var watch = (r.GetValue<string>("--watch") ?? "true") != "false";
        var timeout = r.GetValue<string>("--timeout") is { } t && t != "0s" && t != "0" ? Durations.Parse(t) : TimeSpan.FromHours(24);
        var deadline = sim.Now + timeout;
        var text = new StringBuilder();
        var last = "";
        while (true)
        {
            var current = sim.State.GetDaemonSet(ds.Namespace, ds.Name) ?? throw NotFound(ResourceKind.DaemonSets, ds.Name);
            var status = KubectlRollout.Status(sim, current);
            if (status != last)
            {
                text.Append(status);
                last = status;
            }

            if (sim.GetRolloutStatus(ds.Namespace, ds.Name).Done || !watch)
            {
                return text.ToString();
            }

            // kubectl watches; the simulator moves its clock to the next change instead.
            if (sim.Now >= deadline || !sim.Step())
            {
                throw new CommandException(text + "error: timed out waiting for the condition");
            }
        }
    }

    private string RolloutHistory(ParseResult r)
    {
        var ds = RolloutTarget(r, "history");
        var revision = r.GetValue<long>("--revision");
        try
        {
            return revision > 0 ? KubectlRollout.HistoryRevision(Session.Sim, ds, revision) : KubectlRollout.History(Session.Sim, ds);
        }
        catch (ApiException e)
        {
            // kubectl finds the revision itself, so this is its own error, not the server's.
            throw new CommandException("error: " + e.Message, e);
        }
    }

    private string RolloutUndo(ParseResult r)
    {
        var ds = RolloutTarget(r, "undo");
        try
        {
            var message = Session.Sim.RollbackDaemonSet(ds.Namespace, ds.Name, r.GetValue<long>("--to-revision"));

            // kubectl's printer names the object before the rollbacker's "skipped rollback (...)" message.
            return (message.StartsWith("skipped", StringComparison.Ordinal) ? $"daemonset.apps/{ds.Name} {message}" : message) + "\n";
        }
        catch (ApiException e) when (e.Reason == StatusReason.BadRequest)
        {
            throw new CommandException("error: " + e.Message, e);
        }
    }

    private string RolloutRestart(ParseResult r)
    {
        var ds = RolloutTarget(r, "restart");
        Session.Sim.RestartDaemonSet(ds.Namespace, ds.Name);
        return $"daemonset.apps/{ds.Name} restarted\n";
    }

    private string SetImage(ParseResult r)
    {
        var words = Args(r);
        var (kind, name, rest) = words.Length > 0 ? KindAndName(words) : throw new CommandException("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        if (kind != ResourceKind.DaemonSets)
        {
            throw new CommandException($"error: kubesim sets images of daemonsets, not {kind.Plural}");
        }

        if (rest.Length == 0)
        {
            throw new CommandException("error: at least one image update is required");
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        var sim = Session.Sim;
        var ds = sim.State.GetDaemonSet(ns, name) ?? throw NotFound(kind, name);
        var containers = ds.Spec.Template.Spec.Containers.Concat(ds.Spec.Template.Spec.InitContainers).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var before = ds;
        foreach (var pair in rest)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CommandException($"error: invalid image update \"{pair}\": expected CONTAINER=IMAGE");
            }

            var container = pair[..eq];
            if (container != "*" && !containers.Contains(container))
            {
                throw new CommandException($"error: unable to find container named \"{container}\"");
            }

            foreach (var target in container == "*" ? containers.Order(StringComparer.Ordinal).ToList() : [container])
            {
                ds = sim.SetImage(ns, name, target, pair[(eq + 1)..]);
            }
        }

        return ReferenceEquals(ds, before) || ds == before ? "" : $"daemonset.apps/{name} image updated\n";
    }

    private string Patch(ParseResult r)
    {
        var words = Args(r);
        var (kind, name, _) = words.Length > 0 ? KindAndName(words) : throw new CommandException("error: resource(s) were provided, but no name was specified");
        var type = r.GetValue<string>("--type") ?? "strategic";
        if (type is not ("merge" or "strategic"))
        {
            throw new CommandException($"error: kubesim supports --type=merge patches (and strategic ones without list directives), not {type}");
        }

        var patchText = r.GetValue<string>("--patch") ?? throw new CommandException("error: must specify -p to patch");
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(patchText);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CommandException($"error: unable to parse \"{patchText}\": {e.Message}", e);
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        var sim = Session.Sim;
        object current = kind switch
        {
            var k when k == ResourceKind.DaemonSets => sim.State.GetDaemonSet(ns, name) ?? throw NotFound(kind, name),
            var k when k == ResourceKind.Nodes => sim.State.GetNode(name) ?? throw NotFound(kind, name),
            _ => throw new CommandException($"error: kubesim patches daemonsets and nodes, not {kind.Plural}"),
        };
        var json = KubectlOutput.ToJson(ResourceKind.ToKubernetes(current));
        var merged = MergePatch.Apply(json, patch) as JsonObject ?? throw new CommandException("error: the patch must be a JSON object");
        var objects = ManifestReader.ReadText(merged.ToJsonString(), "patch");
        var patched = objects.Single().Object;
        switch (patched)
        {
            case k8s.Models.V1DaemonSet v1:
                var ds = KubernetesMapper.ToModel(v1);
                var old = (DaemonSet)current;
                var stored = sim.UpdateDaemonSet(old with { Metadata = old.Metadata with { Labels = ds.Metadata.Labels, Annotations = ds.Metadata.Annotations }, Spec = ds.Spec });
                return $"daemonset.apps/{name} patched{(stored == old ? " (no change)" : "")}\n";
            case k8s.Models.V1Node v1:
                var node = KubernetesMapper.ToModel(v1);
                var oldNode = (Node)current;
                var storedNode = sim.UpdateNode(oldNode with { Metadata = oldNode.Metadata with { Labels = node.Metadata.Labels, Annotations = node.Metadata.Annotations }, Spec = node.Spec });
                return $"node/{name} patched{(storedNode == oldNode ? " (no change)" : "")}\n";
            default:
                throw new CommandException("error: unexpected object");
        }
    }

    // ----- helpers -----

    private static (ResourceKind Kind, string Name, string[] Others) KindAndName(string[] words)
    {
        var slash = words[0].IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            return (ResourceKind.Resolve(words[0][..slash]), words[0][(slash + 1)..], words[1..]);
        }

        if (words.Length < 2)
        {
            throw new CommandException("error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }

        return (ResourceKind.Resolve(words[0]), words[1], words[2..]);
    }

    private static CommandException NotFound(ResourceKind kind, string name) =>
        new($"Error from server (NotFound): {kind.Qualified} \"{name}\" not found");

    /// <summary>The positional words; an unknown flag would otherwise pass for a name.</summary>
    private static string[] Args(ParseResult r)
    {
        var words = r.GetValue<string[]>("args") ?? [];
        return words.FirstOrDefault(w => w.Length > 1 && w[0] == '-' && !w.EndsWith('-')) is { } flag
            ? throw new CommandException($"error: unknown flag: {flag}\nSee '{string.Join(' ', Path(r.CommandResult.Command))} --help' for usage.")
            : words;
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private static string Warnings(IEnumerable<string> warnings) => string.Concat(warnings.Select(w => "Warning: " + w + "\n"));
}
