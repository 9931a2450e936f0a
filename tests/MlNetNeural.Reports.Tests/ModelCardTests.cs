using Microsoft.ML;

namespace MlNetNeural.Reports.Tests;

[Collection(TrainedModelsCollection.Name)]
public sealed class ModelCardTests(TrainedModels models)
{
    private readonly MLContext _ml = models.Ml;

    [Fact]
    public void Html_shows_the_model_card_with_user_text_encoded()
    {
        var card = new ModelCard
        {
            Title = "Credit <risk> & \"default\"",
            TrainerName = "MlpBinaryTrainer",
            TrainerOptions = [new NamedValue("HiddenLayers", "[64, 32]"), new NamedValue("Dropout", "0.2")],
            PipelineSteps = ["OneHotEncoding(Purpose)", "NormalizeMeanVariance(Features)"],
            LabelBalance = [new ClassCount("good", 700), new ClassCount("bad", 300)],
            TrainingTime = TimeSpan.FromMinutes(2.5),
            Seed = 42,
            MlNetVersion = "5.0.1",
            History = SampleCards.History(),
        };
        using var output = new OutputDirectory("model-card");
        EvaluationReport.ForBinary(_ml, models.BinaryScored, modelCard: card).WriteHtml(output.File("card.html"));
        var html = File.ReadAllText(output.File("card.html"));

        Assert.Contains("<h1>Credit &lt;risk&gt; &amp; &quot;default&quot;</h1>", html);
        Assert.Contains("<dt>Trainer</dt><dd>MlpBinaryTrainer</dd>", html);
        Assert.Contains("<td><code>HiddenLayers</code></td><td><code>[64, 32]</code></td>", html);
        Assert.Contains("<li><code>OneHotEncoding(Purpose)</code></li>", html);
        Assert.Contains("<td>bad</td><td class=\"num\">300</td><td class=\"num\">30.0 %</td>", html);
        Assert.Contains("<dt>Training time</dt><dd>00:02:30</dd>", html);
        Assert.Contains("<dt>Best epoch (weights kept)</dt><dd>8</dd>", html);
        Assert.Contains("<dt>ML.NET</dt><dd>5.0.1</dd>", html);
        Assert.Contains("data-plot=\"training-loss\"", html);
    }

    [Theory]
    [InlineData(0.045, "45 ms")]
    [InlineData(12.34, "12.3 s")]
    [InlineData(150, "00:02:30")]
    public void Training_time_is_shown_in_a_unit_that_fits(double seconds, string expected)
    {
        var card = new ModelCard { Title = "Timing", TrainingTime = TimeSpan.FromSeconds(seconds) };
        using var output = new OutputDirectory("training-time");
        EvaluationReport.ForBinary(_ml, models.BinaryScored, modelCard: card).WriteHtml(output.File("card.html"));

        Assert.Contains($"<dt>Training time</dt><dd>{expected}</dd>", File.ReadAllText(output.File("card.html")));
    }

    [Fact]
    public void Report_without_a_card_names_the_loaded_mlnet_version_and_has_no_training_plots()
    {
        var report = EvaluationReport.ForBinary(_ml, models.BinaryScored);

        Assert.Equal("Binary classification evaluation", report.Title);
        Assert.StartsWith("5.", report.MlNetVersion);
        Assert.DoesNotContain(report.Plots, p => p.Key is "training-loss" or "validation-metric");
    }

    [Fact]
    public void Training_history_rejects_arrays_of_different_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainingHistory([0.5, 0.4, 0.3], validationLoss: [0.6, 0.5]));
        Assert.Contains("'validationLoss' has 2 values but the training loss has 3", error.Message);
    }

    [Fact]
    public void Training_history_rejects_a_best_epoch_outside_the_recorded_epochs()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingHistory([0.5, 0.4], bestEpoch: 3));
    }
}
