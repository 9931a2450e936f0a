using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// A runtime setting A/B in one run: when the environment variable <see cref="Variable"/> holds <c>NAME=VALUE</c> pairs
/// (separated by <c>;</c>), a configuration gets a second job (<see cref="JobId"/>) whose process starts with them set, such
/// as <c>DOTNET_TieredPGO=0</c>. Settings the runtime reads once at start-up can only be compared this way.
/// </summary>
public static class EnvironmentJob
{
    /// <summary>Environment variable holding the settings of the second job.</summary>
    public const string Variable = "MLNN_JOB_ENV";

    /// <summary>Id of the job with the settings.</summary>
    public const string JobId = "WithEnvironment";

    /// <summary>Adds <paramref name="job"/> with the requested settings to <paramref name="config"/> when <see cref="Variable"/> is set.</summary>
    /// <param name="config">The configuration that already holds <paramref name="job"/>.</param>
    /// <param name="job">The job to repeat with the settings.</param>
    /// <exception cref="ArgumentException">A pair without a name or an <c>=</c>.</exception>
    public static void AddJobIfRequested(ManualConfig config, Job job)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } text) return;
        config.AddJob(job.WithEnvironmentVariables(Parse(text)).WithId(JobId));
    }

    /// <summary>The <c>NAME=VALUE</c> pairs of <paramref name="text"/>, separated by <c>;</c>.</summary>
    /// <param name="text">For example <c>DOTNET_TieredPGO=0;DOTNET_TC_QuickJitForLoops=0</c>.</param>
    public static EnvironmentVariable[] Parse(string text) => text
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split('=', 2) is [{ Length: > 0 } name, var value]
            ? new EnvironmentVariable(name.Trim(), value.Trim())
            : throw new ArgumentException($"{Variable} takes NAME=VALUE pairs separated by ';'; '{pair}' is not one.", nameof(text)))
        .ToArray();
}
