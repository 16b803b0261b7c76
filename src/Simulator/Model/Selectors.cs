namespace Simulator.Model;

/// <summary>Operators of label selector and node selector requirements.</summary>
public static class SelectorOperator
{
    /// <summary>The label's value is in the list.</summary>
    public const string In = "In";

    /// <summary>The label is absent or its value is not in the list.</summary>
    public const string NotIn = "NotIn";

    /// <summary>The label is present.</summary>
    public const string Exists = "Exists";

    /// <summary>The label is absent.</summary>
    public const string DoesNotExist = "DoesNotExist";

    /// <summary>Node selectors only: the label parses as an integer greater than the value.</summary>
    public const string Gt = "Gt";

    /// <summary>Node selectors only: the label parses as an integer less than the value.</summary>
    public const string Lt = "Lt";
}

/// <summary>One requirement of a label selector or node selector term: <c>{key, operator, values}</c>.</summary>
/// <param name="Key">The label key (or <c>metadata.name</c> in matchFields).</param>
/// <param name="Operator">One of <see cref="SelectorOperator"/>.</param>
/// <param name="Values">The values.</param>
public sealed record SelectorRequirement(string Key, string Operator, EquatableArray<string> Values = default)
{
    /// <summary>Creates a requirement.</summary>
    /// <param name="key">The key.</param>
    /// <param name="op">The operator.</param>
    /// <param name="values">The values.</param>
    /// <returns>The requirement.</returns>
    public static SelectorRequirement Of(string key, string op, params string[] values) => new(key, op, EquatableArray.Create(values));
}

/// <summary>A label selector (<c>matchLabels</c> AND <c>matchExpressions</c>), as on a DaemonSet's <c>spec.selector</c>.</summary>
/// <remarks>
/// An empty selector (no labels, no expressions) matches everything; Kubernetes rejects it for DaemonSets.
/// A null selector (absent) matches nothing.
/// </remarks>
public sealed record LabelSelector
{
    /// <summary>Exact label matches.</summary>
    public StringMap MatchLabels { get; init; }

    /// <summary>Expression requirements (In, NotIn, Exists, DoesNotExist).</summary>
    public EquatableArray<SelectorRequirement> MatchExpressions { get; init; }

    /// <summary>Whether the selector has no requirements (and so selects everything).</summary>
    public bool IsEmpty => MatchLabels.IsEmpty && MatchExpressions.IsEmpty;

    /// <summary>A selector of exact label matches.</summary>
    /// <param name="keysAndValues">Alternating keys and values.</param>
    /// <returns>The selector.</returns>
    public static LabelSelector ForLabels(params string[] keysAndValues) => new() { MatchLabels = StringMap.Of(keysAndValues) };

    /// <summary>
    /// Whether <paramref name="labels"/> satisfy the selector, with apimachinery's semantics: every matchLabels pair equal,
    /// In (present, value listed), NotIn (absent, or value not listed), Exists, DoesNotExist.
    /// An unknown operator never matches.
    /// </summary>
    /// <param name="labels">The labels to test.</param>
    /// <returns>True when selected.</returns>
    public bool Matches(StringMap labels)
    {
        if (!MatchLabels.IsSubsetOf(labels))
        {
            return false;
        }

        foreach (var requirement in MatchExpressions)
        {
            var present = labels.TryGetValue(requirement.Key, out var value);
            var ok = requirement.Operator switch
            {
                SelectorOperator.In => present && Contains(requirement.Values, value),
                SelectorOperator.NotIn => !present || !Contains(requirement.Values, value),
                SelectorOperator.Exists => present,
                SelectorOperator.DoesNotExist => !present,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Renders the selector in kubectl's label-selector syntax, e.g. <c>name=fluentd,tier in (a,b)</c>.</summary>
    /// <returns>The rendering; <c>&lt;none&gt;</c> for an empty selector.</returns>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var pair in MatchLabels)
        {
            parts.Add(pair.Key + "=" + pair.Value);
        }

        foreach (var r in MatchExpressions)
        {
            parts.Add(r.Operator switch
            {
                SelectorOperator.In => $"{r.Key} in ({string.Join(",", r.Values)})",
                SelectorOperator.NotIn => $"{r.Key} notin ({string.Join(",", r.Values)})",
                SelectorOperator.Exists => r.Key,
                SelectorOperator.DoesNotExist => "!" + r.Key,
                _ => $"{r.Key} {r.Operator} ({string.Join(",", r.Values)})",
            });
        }

        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }

    internal static bool Contains(EquatableArray<string> values, string value)
    {
        foreach (var v in values)
        {
            if (v == value)
            {
                return true;
            }
        }

        return false;
    }
}
