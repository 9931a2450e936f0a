using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// Configuration of the scoring benchmarks (microseconds per call, so BenchmarkDotNet picks the iteration counts): the
/// as-shipped job on this checkout and, when <see cref="OtherCheckout.Variable"/> names the src folder of another checkout,
/// the same benchmarks built against that one (job <see cref="OtherCheckout.JobId"/>), in the same run.
/// </summary>
public sealed class ScoringConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ScoringConfig()
    {
        AddJob(BenchmarkJobs.AsShipped());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        OtherCheckout.AddJobIfRequested(this, BenchmarkJobs.AsShipped());
    }
}
