namespace Simulator.Validation;

/// <summary>The kinds of field error, with the API server's wording.</summary>
public enum FieldErrorType
{
    /// <summary><c>Required value</c>.</summary>
    Required,

    /// <summary><c>Invalid value</c>.</summary>
    Invalid,

    /// <summary><c>Unsupported value</c>.</summary>
    NotSupported,

    /// <summary><c>Forbidden</c>.</summary>
    Forbidden,

    /// <summary><c>Duplicate value</c>.</summary>
    Duplicate,

    /// <summary><c>Too long</c>.</summary>
    TooLong,
}

/// <summary>
/// One validation error, rendered exactly as the Kubernetes API server renders a <c>field.Error</c>, e.g.
/// <c>spec.selector: Required value</c> or <c>spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"</c>.
/// </summary>
/// <param name="Type">The error type.</param>
/// <param name="Field">The field path, e.g. <c>spec.template.metadata.labels</c>.</param>
/// <param name="BadValue">The offending value already rendered as Kubernetes prints it (quoted strings, <c>map[string]string{...}</c>), or null to omit it.</param>
/// <param name="Detail">The explanation, or empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail)
{
    /// <summary>A <c>Required value</c> error.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, null, detail);

    /// <summary>An <c>Invalid value</c> error.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="badValue">The rendered value.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static FieldError Invalid(string field, string badValue, string detail) => new(FieldErrorType.Invalid, field, badValue, detail);

    /// <summary>An <c>Unsupported value</c> error listing the supported values.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="badValue">The rendered value.</param>
    /// <param name="supported">The supported values.</param>
    /// <returns>The error.</returns>
    public static FieldError NotSupported(string field, string badValue, params string[] supported) =>
        new(FieldErrorType.NotSupported, field, badValue, "supported values: " + string.Join(", ", supported.Select(s => "\"" + s + "\"")));

    /// <summary>A <c>Forbidden</c> error.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="detail">The explanation.</param>
    /// <returns>The error.</returns>
    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, null, detail);

    /// <summary>A <c>Duplicate value</c> error.</summary>
    /// <param name="field">The field path.</param>
    /// <param name="badValue">The rendered value.</param>
    /// <returns>The error.</returns>
    public static FieldError Duplicate(string field, string badValue) => new(FieldErrorType.Duplicate, field, badValue, "");

    /// <summary>Quotes a string value as Go's <c>%q</c> does.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted value.</returns>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private string TypeText => Type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.TooLong => "Too long",
        _ => Type.ToString(),
    };

    /// <summary>The error as the API server prints it.</summary>
    /// <returns><c>field: Type: value: detail</c>, omitting the parts that are absent.</returns>
    public override string ToString()
    {
        var text = $"{Field}: {TypeText}";
        if (BadValue is not null)
        {
            text += ": " + BadValue;
        }

        if (Detail.Length != 0)
        {
            text += ": " + Detail;
        }

        return text;
    }
}

/// <summary>Failure reasons of the API, as in Kubernetes' <c>metav1.StatusReason</c>.</summary>
public static class StatusReason
{
    /// <summary>The object is invalid (HTTP 422).</summary>
    public const string Invalid = "Invalid";

    /// <summary>The object does not exist (HTTP 404).</summary>
    public const string NotFound = "NotFound";

    /// <summary>The object already exists (HTTP 409).</summary>
    public const string AlreadyExists = "AlreadyExists";

    /// <summary>The request is forbidden, e.g. by admission (HTTP 403).</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>The request is malformed (HTTP 400).</summary>
    public const string BadRequest = "BadRequest";
}

/// <summary>
/// An API request the simulated API server refused. <see cref="Exception.Message"/> is the API server's message, e.g.
/// <c>DaemonSet.apps "fluentd" is invalid: spec.selector: Required value</c> or <c>daemonsets.apps "x" not found</c>.
/// The cluster state is unchanged when this is thrown.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="reason">One of <see cref="StatusReason"/>.</param>
    /// <param name="message">The API server's message.</param>
    /// <param name="errors">The field errors, for <c>Invalid</c>.</param>
    public ApiException(string reason, string message, IReadOnlyList<FieldError>? errors = null)
        : base(message)
    {
        Reason = reason;
        Errors = errors ?? [];
    }

    /// <summary>Creates an exception with no reason.</summary>
    public ApiException()
        : this(StatusReason.BadRequest, "bad request")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ApiException(string message)
        : this(StatusReason.BadRequest, message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = StatusReason.BadRequest;
        Errors = [];
    }

    /// <summary>The status reason.</summary>
    public string Reason { get; } = StatusReason.BadRequest;

    /// <summary>The field errors (for <c>Invalid</c>).</summary>
    public IReadOnlyList<FieldError> Errors { get; } = [];

    /// <summary>
    /// Builds the API server's "is invalid" error: <c>Kind.group "name" is invalid: err1, err2</c> (a single error is not bracketed;
    /// several are listed in brackets, as apimachinery's aggregate does).
    /// </summary>
    /// <param name="qualifiedKind">The kind with its group, e.g. <c>DaemonSet.apps</c>.</param>
    /// <param name="name">The object name.</param>
    /// <param name="errors">The errors (at least one).</param>
    /// <returns>The exception.</returns>
    public static ApiException Invalid(string qualifiedKind, string name, IReadOnlyList<FieldError> errors)
    {
        var text = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        return new ApiException(StatusReason.Invalid, $"{qualifiedKind} \"{name}\" is invalid: {text}", errors);
    }

    /// <summary>Builds <c>resource.group "name" not found</c>.</summary>
    /// <param name="resource">The resource with its group, e.g. <c>daemonsets.apps</c>.</param>
    /// <param name="name">The name.</param>
    /// <returns>The exception.</returns>
    public static ApiException NotFound(string resource, string name) => new(StatusReason.NotFound, $"{resource} \"{name}\" not found");

    /// <summary>Builds <c>resource.group "name" already exists</c>.</summary>
    /// <param name="resource">The resource with its group.</param>
    /// <param name="name">The name.</param>
    /// <returns>The exception.</returns>
    public static ApiException AlreadyExists(string resource, string name) => new(StatusReason.AlreadyExists, $"{resource} \"{name}\" already exists");
}
