using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Simulator.Tests.Properties;
using Simulator.Validation;

namespace Simulator.Tests.Validation;

/// <summary>
/// The allocation-free name checks against the property tests' regular-expression oracle, on strings built near the edges of
/// the rules: slashes, dots, dashes and underscores at either end, upper case in prefixes, lengths around 63 and 253.
/// </summary>
public class NameRulesProperties
{
    // No line breaks: .NET's "$" also matches before a final newline, which the oracle's expressions would accept.
    private static readonly char[] Alphabet = ['a', 'z', 'A', '0', '9', '-', '_', '.', '/', ' ', 'é'];

    public static Arbitrary<string> NameLike() => Arb.From(
        Gen.OneOf(
            Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)),
            from length in Gen.Choose(0, 70)
            from fill in Gen.Elements('a', '0', '-', '_', '.', 'A', '/')
            select length == 0 ? "" : "a" + new string(fill, Math.Max(0, length - 2)) + (length > 1 ? "Z" : ""),
            from prefixLength in Gen.Choose(0, 260)
            from nameLength in Gen.Choose(0, 70)
            from fill in Gen.Elements('a', '0', '-', '.', 'A')
            select new string('a', Math.Min(1, prefixLength)) + new string(fill, Math.Max(0, prefixLength - 2)) + (prefixLength > 1 ? "a" : "") + "/" +
                (nameLength == 0 ? "" : "a" + new string(fill, Math.Max(0, nameLength - 2)) + (nameLength > 1 ? "z" : ""))));

    [Property(Arbitrary = new[] { typeof(NameRulesProperties) }, MaxTest = 2000)]
    public bool IsQualifiedName_AgreesWithTheOracle(string value) =>
        NameRules.IsQualifiedName(value) == ReferenceModel.IsQualifiedName(value) &&
        NameRules.QualifiedName(value).Count == 0 == ReferenceModel.IsQualifiedName(value);

    [Property(Arbitrary = new[] { typeof(NameRulesProperties) }, MaxTest = 2000)]
    public bool LabelValue_AgreesWithTheOracle(string value) =>
        NameRules.IsLabelValue(value) == ReferenceModel.IsLabelValue(value) &&
        NameRules.LabelValue(value).Count == 0 == ReferenceModel.IsLabelValue(value);
}
