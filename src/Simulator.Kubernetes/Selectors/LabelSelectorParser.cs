using Simulator.Model;
using Simulator.Validation;

namespace Simulator.Kubernetes.Selectors;

/// <summary>
/// Parses kubectl's <c>-l</c> label selector syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>,
/// <c>a</c> (exists), <c>!a</c> (does not exist), joined by commas (all must hold).
/// </summary>
public static class LabelSelectorParser
{
    /// <summary>Parses a selector; an empty text selects everything.</summary>
    /// <param name="text">The selector text.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ApiException">The text is not a selector (kubectl's wording).</exception>
    public static LabelSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requirements = new List<SelectorRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            var term = part.Trim();
            if (term.Length == 0)
            {
                continue;
            }

            requirements.Add(ParseTerm(term, text));
        }

        return new LabelSelector { MatchExpressions = requirements.ToEquatableArray() };
    }

    private static SelectorRequirement ParseTerm(string term, string whole)
    {
        if (term.StartsWith('!'))
        {
            return new SelectorRequirement(Key(term[1..].Trim(), whole), SelectorOperator.DoesNotExist);
        }

        foreach (var (op, kind) in new[] { ("!=", SelectorOperator.NotIn), ("==", SelectorOperator.In), ("=", SelectorOperator.In) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return SelectorRequirement.Of(Key(term[..at].Trim(), whole), kind, term[(at + op.Length)..].Trim());
            }
        }

        var words = term.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in ", StringComparison.Ordinal) || words[1].StartsWith("in(", StringComparison.Ordinal)
            || words[1].StartsWith("notin ", StringComparison.Ordinal) || words[1].StartsWith("notin(", StringComparison.Ordinal)))
        {
            var notIn = words[1].StartsWith("notin", StringComparison.Ordinal);
            var list = words[1][(notIn ? 5 : 2)..].Trim();
            if (!list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw new ApiException(StatusReason.BadRequest, $"unable to parse requirement: found '{list}', expected: '('");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return SelectorRequirement.Of(Key(words[0], whole), notIn ? SelectorOperator.NotIn : SelectorOperator.In, values);
        }

        if (words.Length == 1)
        {
            return new SelectorRequirement(Key(term, whole), SelectorOperator.Exists);
        }

        throw new ApiException(StatusReason.BadRequest, $"unable to parse requirement: found '{words[1]}', expected: in, notin, =, ==, !=, gt, lt");
    }

    private static string Key(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '='))
        {
            throw new ApiException(StatusReason.BadRequest, $"unable to parse requirement: invalid label key \"{key}\" in selector \"{whole}\"");
        }

        return key;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
