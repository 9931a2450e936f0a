using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Quality;
using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// Fitting the Mlp with every option at its default (robust input scaling, periodic embeddings, the automatic ensemble and
/// validation split) on the training part of a real table of the quality suite, featurized as there (split seed 1), against
/// ML.NET's LightGbm with defaults (the baseline) on the same rows. With <see cref="OtherCheckout.Variable"/> set, the same
/// against another checkout (before/after of a change to training).
/// </summary>
[Config(typeof(TabularFitConfig))]
public class TabularFitBenchmarks
{
    private MLContext _ml = null!;
    private IDataView _train = null!;
    private TabularTask _task;

    /// <summary>The table: spam (4,601 rows, 57 numeric columns) or credit_data (4,454 rows, numeric and text columns, missing values).</summary>
    [Params("spam", "credit_data")]
    public string Table { get; set; } = "spam";

    /// <summary>Reads, splits and featurizes the table once; the featurized training rows are cached.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var inference = QualityTable.Suite.Single(t => t.Name == Table).Infer();
        _task = inference.Label.Task;
        (_train, _) = QualityRunner.Featurize(inference, TabularDataset.Create(inference), new QualityOptions().TestFraction, seed: 1);
        _ml = new MLContext(seed: 1);
        _ = _train.Preview(1);
    }

    /// <summary>ML.NET's LightGbm with default options.</summary>
    [Benchmark(Baseline = true)]
    public ITransformer LightGbm() => Fit("lightgbm");

    /// <summary>Our Mlp with default options.</summary>
    [Benchmark]
    public ITransformer Mlp() => Fit("mlp");

    private ITransformer Fit(string model) => QualityModel.All.Single(m => m.Name == model).Create(_ml, _task).Fit(_train);
}
