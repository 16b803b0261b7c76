using System.CommandLine;
using System.Globalization;
using Simulator.Cli.Scripting;
using Simulator.Kubernetes.Selectors;
using Simulator.Model;

namespace Simulator.Cli.Commands;

internal sealed partial class ScriptCommands
{
    private static readonly string[] StatusFields = ["desired", "current", "ready", "updated", "available", "unavailable", "misscheduled"];

    private void AddExpect(Command expect)
    {
        // The object comes first (ds/NAME, pods, node NAME), so the assertion words are read here rather than declared as subcommands.
        _handlers[expect] = Expect;
        expect.SetAction(_ => 0);
        expect.Arguments.Add(Words());
        expect.Options.Add(NamespaceOption());
        expect.Options.Add(Text("--selector", "-l"));
    }

    private string Expect(ParseResult r)
    {
        var words = Args(r);
        if (words.Length == 0)
        {
            throw new CommandException("error: usage: expect ds/NAME k=N ... | expect pods -l SELECTOR on=...|count=N [phase=P] | expect node NAME has=SEL|lacks=SEL");
        }

        var ns = r.GetValue<string>("--namespace") ?? "default";
        return words[0] switch
        {
            var w when w.StartsWith("ds/", StringComparison.Ordinal) || w.StartsWith("daemonset/", StringComparison.Ordinal) => ExpectDaemonSet(w[(w.IndexOf('/', StringComparison.Ordinal) + 1)..], ns, words[1..]),
            "pods" or "pod" or "po" => ExpectPods(r.GetValue<string>("--selector"), ns, words[1..]),
            "node" or "nodes" or "no" when words.Length >= 2 => ExpectNode(words[1], words[2..]),
            _ => throw new CommandException($"error: cannot expect \"{words[0]}\": use ds/NAME, pods or node NAME"),
        };
    }

    private string ExpectDaemonSet(string name, string ns, string[] conditions)
    {
        var ds = Session.Sim.State.GetDaemonSet(ns, name) ?? throw NotFound(ResourceKind.DaemonSets, name);
        var s = ds.Status;
        var actual = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["desired"] = s.DesiredNumberScheduled,
            ["current"] = s.CurrentNumberScheduled,
            ["ready"] = s.NumberReady,
            ["updated"] = s.UpdatedNumberScheduled,
            ["available"] = s.NumberAvailable,
            ["unavailable"] = s.NumberUnavailable,
            ["misscheduled"] = s.NumberMisscheduled,
        };
        if (conditions.Length == 0)
        {
            throw new CommandException("error: expect ds/NAME needs at least one of " + string.Join(", ", StatusFields.Select(f => f + "=N")));
        }

        var wrong = new List<string>();
        foreach (var condition in conditions)
        {
            var (key, value) = Pair(condition);
            if (!actual.TryGetValue(key, out var found))
            {
                throw new CommandException($"error: unknown DaemonSet status field \"{key}\": use {string.Join(", ", StatusFields)}");
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
            {
                throw new CommandException($"error: {key}={value}: expected a whole number");
            }

            if (expected != found)
            {
                wrong.Add($"{key}={expected}, found {found}");
            }
        }

        var summary = string.Join(" ", StatusFields.Select(f => $"{f}={actual[f]}"));
        return wrong.Count == 0
            ? $"ok: ds/{name} {string.Join(' ', conditions)}\n"
            : throw new CommandException($"expectation failed: ds/{name}: expected {string.Join("; ", wrong)} (status: {summary})");
    }

    private string ExpectPods(string? selectorText, string ns, string[] conditions)
    {
        var selector = LabelSelectorParser.Parse(selectorText ?? "");
        var pods = Session.Sim.State.Pods.Values.Where(p => p.Namespace == ns && selector.Matches(p.Metadata.Labels)).ToList();
        string? on = null;
        int? count = null;
        string? phase = null;
        foreach (var condition in conditions)
        {
            var (key, value) = Pair(condition);
            switch (key)
            {
                case "on":
                    on = value;
                    break;
                case "count":
                    count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new CommandException($"error: count={value}: expected a whole number");
                    break;
                case "phase":
                    phase = value;
                    break;
                default:
                    throw new CommandException($"error: unknown pod expectation \"{key}\": use on=NODE,..., count=N, phase=PHASE");
            }
        }

        if (on is null && count is null)
        {
            throw new CommandException("error: expect pods needs on=NODE,... or count=N");
        }

        var what = $"pods -l {selectorText} -n {ns}";
        if (phase is not null)
        {
            pods = [.. pods.Where(p => p.Status.Phase == phase)];
        }

        if (count is { } expectedCount && pods.Count != expectedCount)
        {
            var phases = string.Join(", ", pods.GroupBy(p => p.Status.Phase).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            throw new CommandException($"expectation failed: {what}: expected count={expectedCount}{(phase is null ? "" : " phase=" + phase)}, found {pods.Count}{(phases.Length > 0 ? " (" + phases + ")" : "")}");
        }

        if (on is not null)
        {
            // "Runs" means bound and not terminating: the pod a person sees on the node once the dust settles.
            var running = pods.Where(p => p.IsBound && !p.IsTerminal && !p.IsTerminating).GroupBy(p => p.Spec.NodeName).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var expected = on.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var missing = expected.Where(n => !running.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
            var extra = running.Keys.Where(n => !expected.Contains(n)).Order(StringComparer.Ordinal).ToList();
            var doubled = running.Where(kv => kv.Value > 1).Select(kv => $"{kv.Key} ({kv.Value})").Order(StringComparer.Ordinal).ToList();
            if (missing.Count + extra.Count + doubled.Count > 0)
            {
                var problems = new List<string>();
                if (missing.Count > 0)
                {
                    problems.Add("missing on " + string.Join(",", missing));
                }

                if (extra.Count > 0)
                {
                    problems.Add("also on " + string.Join(",", extra));
                }

                if (doubled.Count > 0)
                {
                    problems.Add("more than one on " + string.Join(",", doubled));
                }

                throw new CommandException($"expectation failed: {what}: expected on={string.Join(",", expected.Order(StringComparer.Ordinal))}; {string.Join("; ", problems)}");
            }
        }

        return $"ok: {what} {string.Join(' ', conditions)}\n";
    }

    private string ExpectNode(string name, string[] conditions)
    {
        var node = Session.Sim.State.GetNode(name) ?? throw NotFound(ResourceKind.Nodes, name);
        if (conditions.Length == 0)
        {
            throw new CommandException("error: expect node NAME needs has=SELECTOR or lacks=SELECTOR");
        }

        foreach (var condition in conditions)
        {
            var (key, value) = Pair(condition);
            var matches = LabelSelectorParser.Parse(value).Matches(node.Metadata.Labels);
            var labels = string.Join(",", node.Metadata.Labels.Select(kv => kv.Key + "=" + kv.Value));
            switch (key)
            {
                case "has" when !matches:
                    throw new CommandException($"expectation failed: node {name}: expected has={value}, found labels {labels}");
                case "lacks" when matches:
                    throw new CommandException($"expectation failed: node {name}: expected lacks={value}, found labels {labels}");
                case "has" or "lacks":
                    break;
                default:
                    throw new CommandException($"error: unknown node expectation \"{key}\": use has=SELECTOR or lacks=SELECTOR");
            }
        }

        return $"ok: node {name} {string.Join(' ', conditions)}\n";
    }

    private static (string Key, string Value) Pair(string condition)
    {
        var eq = condition.IndexOf('=', StringComparison.Ordinal);
        return eq <= 0 ? throw new CommandException($"error: \"{condition}\": expected key=value") : (condition[..eq], condition[(eq + 1)..]);
    }
}
