using System.CommandLine;
using System.Globalization;
using System.Text;
using Simulator.Cli.Scripting;
using Simulator.Engine;
using Simulator.Kubernetes;
using Simulator.Kubernetes.Manifests;
using Simulator.Model;
using k8sModels = k8s.Models;

namespace Simulator.Cli.Commands;

internal sealed partial class ScriptCommands
{
    private const string FillerImage = "registry.k8s.io/pause:3.10";

    private void AddSim(Command sim)
    {
        Leaf(sim, "advance", "Run the clock forward.", Advance, new Argument<string>("duration"));
        Leaf(sim, "settle", "Run until nothing is left to do.", Settle, Text("--max"));
        var nodes = new Command("nodes", "Node fleets.");
        sim.Subcommands.Add(nodes);
        Leaf(nodes, "create", "Register ready worker nodes.", CreateNodes,
            new Option<int>("--count") { Required = true }, new Option<string>("--prefix") { Required = true },
            Text("--cpu"), Text("--memory"), new Option<int?>("--pods"), Text("--labels"), Text("--taints"));
        var pods = new Command("pods", "Workload pods.");
        sim.Subcommands.Add(pods);
        Leaf(pods, "create", "Create plain workload pods.", CreatePods,
            new Option<int>("--count") { Required = true }, new Option<string>("--prefix") { Required = true }, NamespaceOption(),
            Text("--cpu"), Text("--memory"), Text("--priority-class"), Text("--node"), Text("--labels"));
        Leaf(sim, "load", "Load a cluster snapshot as it is.", Load, new Option<string[]>("--filename", "-f") { Arity = ArgumentArity.OneOrMore, Required = true });
        var clock = new Command("clock", "The simulated wall clock.");
        sim.Subcommands.Add(clock);
        Leaf(clock, "set", "Set the start time (before the first event).", r =>
        {
            var text = r.GetValue<string>("time")!;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                throw new CommandException($"error: invalid time \"{text}\": use RFC 3339, e.g. 2025-01-01T00:00:00Z");
            }

            Session.Reconfigure(start: SimTime.FromDateTimeOffset(time), verb: "sim clock set");
            return $"clock set to {SimTime.FromDateTimeOffset(time)}\n";
        }, new Argument<string>("time"));
        Leaf(sim, "seed", "Set the seed (before the first event).", r =>
        {
            var seed = r.GetValue<ulong>("seed");
            Session.Reconfigure(seed: seed);
            return $"seed set to {seed}\n";
        }, new Argument<ulong>("seed"));
        var node = new Command("node", "One node's kubelet.");
        sim.Subcommands.Add(node);
        Leaf(node, "fail", "The kubelet stops reporting.", r => NodeVerb(r, "failed", Session.Sim.FailNode), new Argument<string>("name"));
        Leaf(node, "recover", "The kubelet reports again.", r => NodeVerb(r, "recovered", Session.Sim.RecoverNode), new Argument<string>("name"));
        Leaf(node, "delete", "Remove the node object.", r => NodeVerb(r, "deleted", Session.Sim.DeleteNode), new Argument<string>("name"));
        var pod = new Command("pod", "One pod's containers.");
        sim.Subcommands.Add(pod);
        Leaf(pod, "crash", "Containers exit with an error until healed.", r => PodVerb(r, "crashing", Session.Sim.CrashPod), new Argument<string>("name"), NamespaceOption());
        Leaf(pod, "heal", "Containers stop crashing.", r => PodVerb(r, "healed", Session.Sim.HealPod), new Argument<string>("name"), NamespaceOption());
        var image = new Command("image", "Image pulls.");
        sim.Subcommands.Add(image);
        Leaf(image, "fail", "Pulls of this image fail.", r =>
        {
            Session.Sim.FailImage(r.GetValue<string>("image")!);
            return $"image {r.GetValue<string>("image")} fails to pull\n";
        }, new Argument<string>("image"));
        Leaf(image, "ok", "Pulls of this image succeed again.", r =>
        {
            Session.Sim.HealImage(r.GetValue<string>("image")!);
            return $"image {r.GetValue<string>("image")} pulls again\n";
        }, new Argument<string>("image"));
        Leaf(sim, "explain", "Why a node does or does not run a daemon pod, rule by rule.", Explain, Words(), NamespaceOption());
        Leaf(sim, "plot", "Draw a DaemonSet's rollout timeline (ds/NAME) or the node-by-DaemonSet placement heat map (placement) as PNG or SVG.", Plot,
            Words(), NamespaceOption(), new Option<string>("--out") { Required = true, Description = "The file to write: .png or .svg." },
            new Option<int?>("--width"), new Option<int?>("--height"));
    }

    private string Advance(ParseResult r)
    {
        var duration = Durations.Parse(r.GetValue<string>("duration")!);
        var sim = Session.Sim;
        sim.RunFor(duration);
        return $"advanced {Durations.Format(duration)} to {sim.Now}\n";
    }

    private string Settle(ParseResult r)
    {
        var max = r.GetValue<string>("--max") is { } text ? Durations.Parse(text) : TimeSpan.FromHours(24);
        var sim = Session.Sim;
        var start = sim.Now;
        IProgress<SettleResult>? progress = Session.Interactive
            ? new InlineProgress(Session.Progress, p => $"settling: simulated {Durations.Format(p.Time - start)}, {p.Steps:N0} events")
            : null;
        var result = sim.RunUntilSettled(max, progress);
        (progress as InlineProgress)?.Clear();
        return result.Settled
            ? $"settled at {result.Time} (+{Durations.Format(result.Time - start)})\n"
            : $"not settled by {result.Time} (+{Durations.Format(result.Time - start)}): work is still scheduled (for example a crash-looping pod's back-off)\n";
    }

    private string CreateNodes(ParseResult r)
    {
        var count = r.GetValue<int>("--count");
        var prefix = r.GetValue<string>("--prefix")!;
        if (count <= 0)
        {
            throw new CommandException("error: --count must be a positive number");
        }

        var capacity = ResourceList.Of(
            "cpu", r.GetValue<string>("--cpu") ?? "4",
            "memory", r.GetValue<string>("--memory") ?? "16Gi",
            "pods", (r.GetValue<int?>("--pods") ?? 110).ToString(CultureInfo.InvariantCulture));
        var labels = ParsePairs(r.GetValue<string>("--labels"), "--labels");
        var taints = (r.GetValue<string>("--taints") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseTaint).ToEquatableArray();
        var sim = Session.Sim;
        var names = Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (names.FirstOrDefault(sim.State.Nodes.ContainsKey) is { } taken)
        {
            throw new CommandException($"Error from server (AlreadyExists): nodes \"{taken}\" already exists");
        }

        foreach (var name in names)
        {
            sim.CreateNode(new Node
            {
                Metadata = new ObjectMeta
                {
                    Name = name,
                    Labels = labels.With("kubernetes.io/os", "linux").With("kubernetes.io/arch", "amd64").With("kubernetes.io/hostname", name),
                },
                Spec = new NodeSpec { Taints = taints },
                Status = new NodeStatus { Capacity = capacity, Allocatable = capacity },
            });
        }

        return count == 1 ? $"node/{names[0]} created\n" : $"{count} nodes created ({names[0]} .. {names[^1]})\n";
    }

    private string CreatePods(ParseResult r)
    {
        var count = r.GetValue<int>("--count");
        var prefix = r.GetValue<string>("--prefix")!;
        var ns = r.GetValue<string>("--namespace") ?? "default";
        var requests = new List<string>();
        if (r.GetValue<string>("--cpu") is { } cpu)
        {
            requests.AddRange(["cpu", cpu]);
        }

        if (r.GetValue<string>("--memory") is { } memory)
        {
            requests.AddRange(["memory", memory]);
        }

        var template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = ParsePairs(r.GetValue<string>("--labels"), "--labels") },
            Spec = new PodSpec
            {
                NodeName = r.GetValue<string>("--node") ?? "",
                PriorityClassName = r.GetValue<string>("--priority-class") ?? "",
                Containers = EquatableArray.Create(new Container
                {
                    Name = "app",
                    Image = FillerImage,
                    Resources = new ResourceRequirements { Requests = ResourceList.Of([.. requests]) },
                }),
            },
        };
        var created = Session.Sim.CreatePods(ns, prefix, count, template);
        return count == 1 ? $"pod/{created[0].Name} created\n" : $"{created.Count} pods created ({created[0].Name} .. {created[^1].Name})\n";
    }

    private string Load(ParseResult r)
    {
        var objects = new List<ManifestObject>();
        foreach (var file in r.GetValue<string[]>("--filename") ?? [])
        {
            objects.AddRange(ReadManifests(file, true));
        }

        var snapshot = Snapshots.FromManifests(objects);
        try
        {
            Session.Sim.Restore(snapshot);
        }
        catch (Validation.ApiException e)
        {
            throw new CommandException($"Error from server ({e.Reason}): error when loading: {e.Message}", e);
        }

        return $"loaded {snapshot.Count} objects: {snapshot.Nodes.Count} nodes, {snapshot.Pods.Count} pods, {snapshot.DaemonSets.Count} daemonsets, "
            + $"{snapshot.ControllerRevisions.Count} controllerrevisions, {snapshot.PriorityClasses.Count} priorityclasses, {snapshot.Namespaces.Count} namespaces\n";
    }

    private string NodeVerb(ParseResult r, string done, Action<string> action)
    {
        var name = r.GetValue<string>("name")!;
        if (Session.Sim.State.GetNode(name) is null)
        {
            throw NotFound(ResourceKind.Nodes, name);
        }

        action(name);
        return $"node/{name} {done}\n";
    }

    private string PodVerb(ParseResult r, string done, Action<string, string> action)
    {
        var name = r.GetValue<string>("name")!;
        var ns = r.GetValue<string>("--namespace") ?? "default";
        if (Session.Sim.State.GetPod(ns, name) is null)
        {
            throw NotFound(ResourceKind.Pods, name);
        }

        action(ns, name);
        return $"pod/{name} {done}\n";
    }

    private string Explain(ParseResult r)
    {
        var words = Args(r);
        var ds = words.FirstOrDefault(w => w.StartsWith("ds/", StringComparison.Ordinal) || w.StartsWith("daemonset/", StringComparison.Ordinal));
        var node = words.FirstOrDefault(w => w.StartsWith("node/", StringComparison.Ordinal) || w.StartsWith("no/", StringComparison.Ordinal));
        if (ds is null || node is null || words.Length != 2)
        {
            throw new CommandException("error: usage: sim explain ds/NAME node/NODE [-n NS]");
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        var dsName = ds[(ds.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var nodeName = node[(node.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var sim = Session.Sim;
        _ = sim.State.GetDaemonSet(ns, dsName) ?? throw NotFound(ResourceKind.DaemonSets, dsName);
        _ = sim.State.GetNode(nodeName) ?? throw NotFound(ResourceKind.Nodes, nodeName);
        var explanation = sim.ExplainPlacement(ns, dsName, nodeName);
        var text = new StringBuilder();
        text.Append($"daemonset.apps/{dsName} on node/{nodeName}: ")
            .Append(explanation.ShouldRun ? explanation.Fits ? "runs" : "should run, but its pod cannot be placed" : "does not run")
            .Append('\n');
        var width = explanation.Rules.Max(v => v.Rule.Length);
        foreach (var verdict in explanation.Rules)
        {
            text.Append("  ").Append(verdict.Passed ? "PASS  " : "FAIL  ").Append(verdict.Rule.PadRight(width)).Append("  ").Append(verdict.Detail).Append('\n');
        }

        text.Append(explanation.Summary()).Append('\n');
        return text.ToString();
    }

    private string Plot(ParseResult r)
    {
        const string Usage = "error: usage: sim plot ds/NAME [-n NS] --out FILE [--width W] [--height H], or sim plot placement --out FILE [--width W] [--height H]";
        var words = Args(r);
        if (words.Length != 1)
        {
            throw new CommandException(Usage);
        }

        var file = r.GetValue<string>("--out")!;
        var width = r.GetValue<int?>("--width");
        var height = r.GetValue<int?>("--height");
        foreach (var (flag, value) in new[] { ("--width", width), ("--height", height) })
        {
            if (value is < 16 or > 20_000)
            {
                throw new CommandException($"error: {flag} must be between 16 and 20000 pixels, got {value}");
            }
        }

        try
        {
            _ = Plotting.PlotImageFile.FormatOf(file);
        }
        catch (NotSupportedException e)
        {
            throw new CommandException("error: " + e.Message, e);
        }

        var sim = Session.Sim;
        var path = Session.Resolve(file);
        string what;
        Action write;
        var target = words[0];
        if (target == "placement")
        {
            var matrix = Plotting.PlacementMatrix.From(sim.State);
            width ??= Plotting.PlacementHeatMap.DefaultWidth;
            height ??= Plotting.PlacementHeatMap.DefaultHeight(matrix);
            what = $"placement of {matrix.DaemonSets.Count} daemonsets on {matrix.Nodes.Count} nodes";
            write = () => Plotting.PlacementHeatMap.Save(matrix, path, width, height);
        }
        else if (target.StartsWith("ds/", StringComparison.Ordinal) || target.StartsWith("daemonset/", StringComparison.Ordinal) || target.StartsWith("daemonsets/", StringComparison.Ordinal))
        {
            var ns = r.GetValue<string>("--namespace") ?? "default";
            var name = target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..];
            _ = sim.State.GetDaemonSet(ns, name) ?? throw NotFound(ResourceKind.DaemonSets, name);
            var timeline = Plotting.RolloutTimeline.From(sim, ns, name);
            width ??= Plotting.RolloutPlot.DefaultWidth;
            height ??= Plotting.RolloutPlot.DefaultHeight;
            what = $"rollout timeline of daemonset.apps/{name} ({timeline.Points.Count} points, {timeline.Rollouts.Count} rollouts)";
            write = () => Plotting.RolloutPlot.Save(timeline, path, width.Value, height.Value);
        }
        else
        {
            throw new CommandException(Usage);
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"error: cannot write \"{file}\": {e.Message}", e);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
        {
            // The tool carries SkiaSharp's native library only for the common platforms (see Simulator.Cli.csproj).
            throw new CommandException($"error: cannot draw \"{file}\": plotting is not available on this platform (SkiaSharp's native library did not load: {e.GetBaseException().Message})", e);
        }

        return $"wrote {what} to {file} ({width}x{height})\n";
    }

    private static StringMap ParsePairs(string? text, string flag)
    {
        var map = StringMap.Empty;
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CommandException($"error: invalid {flag} entry \"{pair}\": expected key=value");
            }

            map = map.With(pair[..eq], pair[(eq + 1)..]);
        }

        return map;
    }

    private static Model.Taint ParseTaint(string text)
    {
        try
        {
            return Model.Taint.Parse(text.Trim());
        }
        catch (FormatException e)
        {
            throw new CommandException("error: " + e.Message, e);
        }
    }

    /// <summary>One status line on an interactive terminal, rewritten in place.</summary>
    private sealed class InlineProgress(TextWriter writer, Func<SettleResult, string> format) : IProgress<SettleResult>
    {
        private int _width;

        public void Report(SettleResult value)
        {
            var line = format(value);
            writer.Write("\r" + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
            writer.Flush();
        }

        public void Clear()
        {
            if (_width > 0)
            {
                writer.Write("\r" + new string(' ', _width) + "\r");
                writer.Flush();
            }
        }
    }
}
