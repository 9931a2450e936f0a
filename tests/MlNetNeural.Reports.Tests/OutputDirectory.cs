namespace MlNetNeural.Reports.Tests;

/// <summary>
/// A fresh directory for one test's output, deleted afterwards. Set MLNETNEURAL_REPORTS_SAMPLE_DIR to keep the
/// files there instead (to look at the rendered reports).
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    private const string KeepVariable = "MLNETNEURAL_REPORTS_SAMPLE_DIR";
    private readonly bool _keep;

    public OutputDirectory(string name)
    {
        var keepRoot = Environment.GetEnvironmentVariable(KeepVariable);
        _keep = !string.IsNullOrEmpty(keepRoot);
        Path = _keep
            ? System.IO.Path.Combine(keepRoot!, name)
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnetneural-reports-tests", $"{name}-{Guid.NewGuid():N}");
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (!_keep && Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
