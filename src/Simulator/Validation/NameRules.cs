namespace Simulator.Validation;

/// <summary>
/// Kubernetes' name and label syntax checks (apimachinery <c>validation.IsQualifiedName</c>, <c>IsValidLabelValue</c>,
/// <c>IsDNS1123Subdomain</c>, <c>IsDNS1123Label</c>), returning Kubernetes' error wording.
/// </summary>
public static class NameRules
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    /// <summary>Errors of a qualified name (label key): <c>[prefix/]name</c>.</summary>
    /// <param name="value">The key.</param>
    /// <returns>The error messages; empty when valid.</returns>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        if (IsQualifiedName(value))
        {
            return [];
        }

        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    foreach (var e in Dns1123Subdomain(prefix))
                    {
                        errors.Add("prefix part " + e);
                    }
                }

                break;
            default:
                errors.Add("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (name.Length != 0 && !IsQualifiedNamePart(name))
        {
            errors.Add("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFormat + "')");
        }

        return errors;
    }

    /// <summary>Errors of a label value (empty is valid).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The error messages; empty when valid.</returns>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        if (IsLabelValue(value))
        {
            return [];
        }

        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (value.Length != 0 && !IsQualifiedNamePart(value))
        {
            errors.Add("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
        }

        return errors;
    }

    /// <summary>Errors of a DNS-1123 subdomain (object names such as DaemonSets, nodes, pods).</summary>
    /// <param name="value">The name.</param>
    /// <returns>The error messages; empty when valid.</returns>
    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        if (value.Length <= 253 && IsDns1123Subdomain(value))
        {
            return [];
        }

        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!IsDns1123Subdomain(value))
        {
            errors.Add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }

        return errors;
    }

    /// <summary>Errors of a DNS-1123 label (namespace and container names).</summary>
    /// <param name="value">The name.</param>
    /// <returns>The error messages; empty when valid.</returns>
    public static IReadOnlyList<string> Dns1123Label(string value)
    {
        if (value.Length <= 63 && IsDns1123Label(value))
        {
            return [];
        }

        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!IsDns1123Label(value))
        {
            errors.Add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        }

        return errors;
    }

    /// <summary>Whether <paramref name="value"/> is a valid label key.</summary>
    /// <param name="value">The key.</param>
    /// <returns>True when valid.</returns>
    public static bool IsQualifiedName(string value)
    {
        // The same rules as QualifiedName, checked without allocating: valid names are the common case on every create.
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && value.IndexOf('/', slash + 1) >= 0)
        {
            return false;
        }

        var name = slash < 0 ? value.AsSpan() : value.AsSpan(slash + 1);
        if (slash >= 0)
        {
            var prefix = value.AsSpan(0, slash);
            if (prefix.Length == 0 || prefix.Length > 253 || !IsDns1123Subdomain(prefix))
            {
                return false;
            }
        }

        return name.Length is > 0 and <= 63 && IsQualifiedNamePart(name);
    }

    /// <summary>Whether <paramref name="value"/> is a valid label value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>True when valid.</returns>
    public static bool IsLabelValue(string value) => value.Length <= 63 && (value.Length == 0 || IsQualifiedNamePart(value));

    private static bool IsAlnum(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    private static bool IsQualifiedNamePart(ReadOnlySpan<char> s)
    {
        if (!IsAlnum(s[0]) || !IsAlnum(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsAlnum(c) && c != '-' && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsDns1123Label(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsLowerAlnum(s[0]) || !IsLowerAlnum(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsLowerAlnum(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDns1123Subdomain(ReadOnlySpan<char> s)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (var range in s.Split('.'))
        {
            if (!IsDns1123Label(s[range]))
            {
                return false;
            }
        }

        return true;
    }
}
