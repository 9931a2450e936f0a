using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Configuration of <see cref="Tabular.TabularFitBenchmarks"/> and <see cref="Recipes.ImageFitBenchmarks"/>: one as-shipped job of one warm-up and three measured fits
/// (a fit takes seconds), the same job against another checkout when <see cref="OtherCheckout.Variable"/> names one, and
/// with other runtime settings when <see cref="EnvironmentJob.Variable"/> holds some.
/// </summary>
public sealed class TabularFitConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public TabularFitConfig()
    {
        var job = BenchmarkJobs.AsShipped().WithWarmupCount(1).WithIterationCount(3);
        AddJob(job);
        OtherCheckout.AddJobIfRequested(this, job);
        EnvironmentJob.AddJobIfRequested(this, job);
    }
}
