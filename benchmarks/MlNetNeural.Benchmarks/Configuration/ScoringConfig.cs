using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Configuration of the scoring benchmarks (microseconds per call, so BenchmarkDotNet picks the iteration counts): the
/// as-shipped job on this checkout and, when the environment variable <see cref="CompareVariable"/> names the src folder
/// of another checkout, the same benchmarks built against that one (job <see cref="CompareJobId"/>), in the same run. On a
/// machine shared with other work this gives a before/after comparison under one load, which two runs minutes apart do not.
/// </summary>
public sealed class ScoringConfig : ManualConfig
{
    /// <summary>Environment variable naming the src folder of the checkout to compare with (e.g. a git worktree of main).</summary>
    public const string CompareVariable = "MLNN_COMPARE_SRC";

    /// <summary>Id of the job built against the other checkout.</summary>
    public const string CompareJobId = "OtherCheckout";

    /// <summary>Creates the configuration.</summary>
    public ScoringConfig()
    {
        AddJob(BenchmarkJobs.AsShipped());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        if (Environment.GetEnvironmentVariable(CompareVariable) is not { Length: > 0 } source) return;
        if (!File.Exists(Path.Combine(source, "MlNetNeural", "MlNetNeural.csproj")))
            throw new DirectoryNotFoundException($"{CompareVariable} is '{source}', which holds no MlNetNeural/MlNetNeural.csproj; give the src folder of a checkout.");
        // The property replaces this checkout's src folder in the project references (MlNetNeural.Benchmarks.csproj). The two
        // jobs build the same project with different references, so they must not build at the same time.
        AddJob(BenchmarkJobs.AsShipped().WithArguments([new MsBuildArgument($"/p:MlNetNeuralSource={Path.GetFullPath(source)}")]).WithId(CompareJobId));
        WithOptions(ConfigOptions.DisableParallelBuild);
    }
}
