using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using MlNetNeural.Benchmarks.Configuration;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// Fitting a whole ML.NET pipeline (MapValueToKey, NormalizeMinMax, trainer) on 8,000 digits of 784
/// numeric columns: our Mlp against ML.NET's LbfgsMaximumEntropy (the baseline) and LightGbm. Accuracy
/// of the same pipelines: <c>-- accuracy-tabular</c>.
/// </summary>
[Config(typeof(MlNetConfig))]
public class PipelineFitBenchmarks
{
    private MLContext _ml = null!;
    private IDataView _train = null!;

    /// <summary>Loads the data once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ml = new MLContext(seed: 1);
        _train = DigitsData.Load(_ml).Train;
    }

    /// <summary>ML.NET's multinomial logistic regression.</summary>
    [Benchmark(Baseline = true)]
    public ITransformer LbfgsMaximumEntropy() => Fit("LbfgsMaximumEntropy");

    /// <summary>ML.NET's LightGBM.</summary>
    [Benchmark]
    public ITransformer LightGbm() => Fit("LightGbm");

    /// <summary>Our MLP, [128] hidden units, 10 epochs.</summary>
    [Benchmark]
    public ITransformer Mlp() => Fit("Mlp");

    private ITransformer Fit(string trainer) =>
        DigitsData.Pipeline(_ml, DigitsData.Trainers.Single(t => t.Name == trainer).Create(_ml)).Fit(_train);
}
