using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>
/// Routes every OnnxRuntime log message of severity Warning or higher, from every session in this test process
/// (including the sessions ML.NET's OnnxTransformer opens), into a list the tests can inspect. It must be installed
/// before anything creates the process-wide <see cref="OrtEnv"/>, which is why every test touching OnnxRuntime is in
/// the <see cref="OnnxRuntimeCollection"/>, whose fixture installs it.
/// </summary>
public sealed class OnnxRuntimeLog
{
    private static readonly ConcurrentQueue<string> Messages = new();

    // Held in a static field so the delegate outlives the native environment that calls it.
    private static readonly DOrtLoggingFunction Callback = OnMessage;

    public OnnxRuntimeLog()
    {
        var options = new EnvironmentCreationOptions
        {
            logId = "MlNetNeural.Onnx.Tests",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = Callback,
        };
        OrtEnv.CreateInstanceWithOptions(ref options);
    }

    /// <summary>
    /// Session options that log warnings and above through this capture; with <paramref name="strictShapeInference"/>
    /// OnnxRuntime fails the load, instead of warning, when a declared shape contradicts the inferred one.
    /// </summary>
    public static SessionOptions WarningLevelSessionOptions(bool strictShapeInference)
    {
        var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING };
        if (strictShapeInference)
            options.AddSessionConfigEntry("session.strict_shape_type_inference", "1");
        return options;
    }

    /// <summary>Runs <paramref name="action"/> and returns the warnings and errors OnnxRuntime logged meanwhile.</summary>
    public static IReadOnlyList<string> Capture(Action action)
    {
        Messages.Clear();
        action();
        return Messages.ToArray();
    }

    private static void OnMessage(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        if (severity >= OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING)
            Messages.Enqueue($"{severity} [{logId}] {codeLocation}: {message}");
    }
}

/// <summary>
/// The tests that use OnnxRuntime: run one at a time, after the log capture is installed. The real-data pipelines
/// are trained once for the whole collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OnnxRuntimeCollection : ICollectionFixture<OnnxRuntimeLog>, ICollectionFixture<Pipelines.TrainedPipelines>
{
    public const string Name = "OnnxRuntime";
}
