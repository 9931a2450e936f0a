using FineTuning;

namespace MlNetNeural.Samples.Tests;

/// <summary>The fine-tuning sample's whole path (pretraining, four variants, adapter, pruning, report) on 2,000 digits with few epochs.</summary>
public sealed class FineTuningStudyTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "fine-tuning-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public void Small_study_runs_end_to_end_and_its_numbers_hang_together()
    {
        var log = new List<string>();
        var settings = new StudySettings
        {
            OutputDirectory = _output, RowLimit = 2000, Seeds = 2, LabelsPerClass = 10, HiddenLayers = [32], PretrainingEpochs = 4, FineTuningEpochs = 6,
            Sparsities = [0.8f], PruningEpochs = 2, TenDigitEpochs = 2, TenDigitPruningEpochs = 2,
        };
        var result = FineTuningStudy.Run(settings, log.Add);
        string report = StudyReport.Write(result, _output);

        Assert.Equal(["From scratch", "Full fine-tuning", "Head only", "LoRA (rank 8)"], result.Variants.Select(v => v.Variant.Name));
        Assert.All(result.Variants, v => Assert.Equal([1, 2], v.Runs.Select(run => run.Seed)));
        long all = 784 * 32 + 32 + 32 * 5 + 5, head = 32 * 5 + 5;
        Assert.Equal([all, all, head, 8 * 784 + 32 * 8 + head], result.Variants.Select(v => v.TrainableParameters));
        Assert.All(result.Variants.SelectMany(v => v.Runs), run => Assert.InRange(run.Accuracy, 0.2, 1.0));   // better than chance (20%)
        Assert.True(result.PretrainingValidationAccuracy > 0.8, $"pretraining accuracy {result.PretrainingValidationAccuracy}");
        Assert.True(result.AdapterBytes < result.LoraModelBytes / 2, $"adapter {result.AdapterBytes} bytes, model {result.LoraModelBytes}");

        var pruned = Assert.Single(result.FineTunedPruning.Pruned);
        Assert.InRange(pruned.Sparsity, 0.79, 0.9);
        Assert.True(pruned.FileBytes < result.FineTunedPruning.DenseFileBytes / 2);
        Assert.Equal([0.5f, 0.8f, 0.9f, 0.95f], result.TenDigitPruning.Pruned.Select(p => p.TargetSparsity));
        Assert.Contains(log, line => line.Contains("seed 2, LoRA (rank 8)"));

        string markdown = File.ReadAllText(report);
        Assert.Contains("| Head only | pretrained hidden layers frozen, a new output layer trained |", markdown);
        Assert.Contains("![Test accuracy against sparsity](sparsity.png)", markdown);
        Assert.True(new FileInfo(Path.Combine(_output, "sparsity.png")).Length > 1000);
        Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(_output, "sparsity.svg")));
    }
}
