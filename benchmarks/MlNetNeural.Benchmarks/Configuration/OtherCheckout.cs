using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Before/after in one run: when the environment variable <see cref="Variable"/> names the src folder of another checkout,
/// a configuration gets a second job (<see cref="JobId"/>) that builds the same benchmarks against that checkout. On a
/// machine shared with other work this compares two versions under one load, which two runs minutes apart do not.
/// </summary>
public static class OtherCheckout
{
    /// <summary>Environment variable naming the src folder of the checkout to compare with (e.g. a git worktree of main).</summary>
    public const string Variable = "MLNN_COMPARE_SRC";

    /// <summary>Id of the job built against the other checkout.</summary>
    public const string JobId = "OtherCheckout";

    /// <summary>Adds <paramref name="job"/> built against the other checkout to <paramref name="config"/> when <see cref="Variable"/> is set.</summary>
    /// <param name="config">The configuration that already holds <paramref name="job"/> for this checkout.</param>
    /// <param name="job">The job to repeat against the other checkout.</param>
    /// <exception cref="DirectoryNotFoundException">The variable names a folder without src/MlNetNeural/MlNetNeural.csproj.</exception>
    public static void AddJobIfRequested(ManualConfig config, Job job)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } source) return;
        if (!File.Exists(Path.Combine(source, "MlNetNeural", "MlNetNeural.csproj")))
            throw new DirectoryNotFoundException($"{Variable} is '{source}', which holds no MlNetNeural/MlNetNeural.csproj; give the src folder of a checkout.");
        // The property replaces this checkout's src folder in the project references (MlNetNeural.Benchmarks.csproj). The two
        // jobs build the same project with different references, so they must not build at the same time.
        config.AddJob(job.WithArguments([new MsBuildArgument($"/p:MlNetNeuralSource={Path.GetFullPath(source)}")]).WithId(JobId));
        config.WithOptions(ConfigOptions.DisableParallelBuild);
    }
}
