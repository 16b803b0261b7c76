namespace Simulator.Kubernetes.Manifests;

/// <summary>
/// A manifest could not be read: a missing path, a YAML or JSON syntax error (with file, line and column), a kind or apiVersion
/// the simulator does not serve, unknown fields (reported like the API server's strict field validation) or a value of the wrong
/// type. <see cref="Exception.Message"/> is what kubectl prints, e.g. <c>error: error parsing ds.yaml: error converting YAML to
/// JSON: yaml: line 12, column 5: did not find expected key</c>.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates an exception with kubectl's message.</summary>
    /// <param name="message">The message, as kubectl prints it.</param>
    public ManifestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with kubectl's message and its cause.</summary>
    /// <param name="message">The message, as kubectl prints it.</param>
    /// <param name="innerException">The cause.</param>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public ManifestException()
        : base("error: the manifest could not be read")
    {
    }
}
