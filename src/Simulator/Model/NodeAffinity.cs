using System.Globalization;
using Simulator.Validation;

namespace Simulator.Model;

/// <summary>One node selector term: all <see cref="MatchExpressions"/> (on labels) AND all <see cref="MatchFields"/> (on fields).</summary>
public sealed record NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    public EquatableArray<SelectorRequirement> MatchExpressions { get; init; }

    /// <summary>Requirements on node fields; only <c>metadata.name</c> exists.</summary>
    public EquatableArray<SelectorRequirement> MatchFields { get; init; }

    /// <summary>A term pinning to one node by name, as the DaemonSet controller writes it.</summary>
    /// <param name="nodeName">The node name.</param>
    /// <returns>The term.</returns>
    public static NodeSelectorTerm ForNodeName(string nodeName) => new()
    {
        MatchFields = EquatableArray.Create(SelectorRequirement.Of(NodeFieldSelectorKeys.NodeName, SelectorOperator.In, nodeName)),
    };

    /// <summary>
    /// Whether the term matches the node, with <c>nodeaffinity.go</c>'s semantics: an empty term matches nothing; a term
    /// that does not parse (bad key or value, wrong value count, non-integer Gt/Lt value, unknown operator or field) never matches.
    /// </summary>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="labels">The node's labels.</param>
    /// <returns>True when the term matches.</returns>
    public bool Matches(string nodeName, StringMap labels)
    {
        if (MatchExpressions.IsEmpty && MatchFields.IsEmpty)
        {
            return false;
        }

        foreach (var r in MatchExpressions)
        {
            if (!NodeAffinityMatching.LabelRequirementMatches(r, labels))
            {
                return false;
            }
        }

        foreach (var r in MatchFields)
        {
            if (!NodeAffinityMatching.FieldRequirementMatches(r, nodeName))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Field selector keys available in node selector terms.</summary>
public static class NodeFieldSelectorKeys
{
    /// <summary>The node's name.</summary>
    public const string NodeName = "metadata.name";
}

/// <summary>A required node selector: the OR of its terms.</summary>
public sealed record NodeSelector
{
    /// <summary>The terms; the selector matches when any term matches.</summary>
    public EquatableArray<NodeSelectorTerm> NodeSelectorTerms { get; init; }

    /// <summary>Creates a selector from terms.</summary>
    /// <param name="terms">The terms.</param>
    /// <returns>The selector.</returns>
    public static NodeSelector Of(params NodeSelectorTerm[] terms) => new() { NodeSelectorTerms = EquatableArray.Create(terms) };

    /// <summary>Whether any term matches (an empty term list matches nothing).</summary>
    /// <param name="nodeName">The node's name.</param>
    /// <param name="labels">The node's labels.</param>
    /// <returns>True when selected.</returns>
    public bool Matches(string nodeName, StringMap labels)
    {
        foreach (var term in NodeSelectorTerms)
        {
            if (term.Matches(nodeName, labels))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A weighted preferred term (<c>preferredDuringSchedulingIgnoredDuringExecution[]</c>).</summary>
/// <param name="Weight">Weight 1..100.</param>
/// <param name="Preference">The term.</param>
public sealed record PreferredSchedulingTerm(int Weight, NodeSelectorTerm Preference);

/// <summary>Node affinity: required (hard) and preferred (soft) rules.</summary>
public sealed record NodeAffinity
{
    /// <summary><c>requiredDuringSchedulingIgnoredDuringExecution</c>; null imposes nothing.</summary>
    public NodeSelector? Required { get; init; }

    /// <summary><c>preferredDuringSchedulingIgnoredDuringExecution</c>.</summary>
    public EquatableArray<PreferredSchedulingTerm> Preferred { get; init; }
}

/// <summary>Pod affinity settings; only node affinity is modelled.</summary>
public sealed record Affinity
{
    /// <summary>Node affinity.</summary>
    public NodeAffinity? NodeAffinity { get; init; }
}

/// <summary>Requirement matching shared by node selector terms, per apimachinery and <c>nodeaffinity.go</c>.</summary>
internal static class NodeAffinityMatching
{
    public static bool LabelRequirementMatches(SelectorRequirement r, StringMap labels)
    {
        if (!NameRules.IsQualifiedName(r.Key))
        {
            return false;
        }

        var present = labels.TryGetValue(r.Key, out var value);
        switch (r.Operator)
        {
            case SelectorOperator.In:
            case SelectorOperator.NotIn:
                if (r.Values.IsEmpty)
                {
                    return false;
                }

                foreach (var v in r.Values)
                {
                    if (!NameRules.IsLabelValue(v))
                    {
                        return false;
                    }
                }

                return r.Operator == SelectorOperator.In
                    ? present && LabelSelector.Contains(r.Values, value)
                    : !present || !LabelSelector.Contains(r.Values, value);
            case SelectorOperator.Exists:
                return r.Values.IsEmpty && present;
            case SelectorOperator.DoesNotExist:
                return r.Values.IsEmpty && !present;
            case SelectorOperator.Gt:
            case SelectorOperator.Lt:
                // apimachinery validates every value as a label value too, so "-1" or "+1" never parse.
                if (r.Values.Count != 1 || !NameRules.IsLabelValue(r.Values[0]) || !TryParseInt64(r.Values[0], out var bound))
                {
                    return false;
                }

                if (!present || !TryParseInt64(value, out var actual))
                {
                    return false;
                }

                return r.Operator == SelectorOperator.Gt ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    public static bool FieldRequirementMatches(SelectorRequirement r, string nodeName)
    {
        if (r.Key != NodeFieldSelectorKeys.NodeName || r.Values.Count != 1)
        {
            return false;
        }

        return r.Operator switch
        {
            SelectorOperator.In => nodeName == r.Values[0],
            SelectorOperator.NotIn => nodeName != r.Values[0],
            _ => false,
        };
    }

    // Go's strconv.ParseInt(s, 10, 64): optional sign, decimal digits, leading zeros allowed.
    private static bool TryParseInt64(string s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && s.Length > 0 && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]);
}
