using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Trainers;

namespace MlNetNeural.Reports.Tests;

/// <summary>ModelCard.FromMlp: the card a trained MLP fills in by itself.</summary>
public sealed class MlpModelCardTests
{
    private readonly MLContext _ml = new(seed: 3);

    private (ITransformer Model, IDataView Train, IDataView Test) TrainSmallMlp(float validationFraction)
    {
        var split = _ml.Data.TrainTestSplit(TestData.BreastCancer(_ml), testFraction: 0.3, seed: 1);
        var pipeline = _ml.Transforms.NormalizeMeanVariance("Features")
            .Append(_ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
            {
                HiddenLayers = [6], MaxEpochs = 12, ValidationFraction = validationFraction, EarlyStoppingPatience = 3,
                Dropout = 0.25f, Seed = 11, EnsembleSize = 1,
            }));
        return (pipeline.Fit(split.TrainSet), split.TrainSet, split.TestSet);
    }

    [Fact]
    public void An_ensembles_card_says_how_many_networks_it_averages_and_which_history_it_shows()
    {
        var train = TestData.BreastCancer(_ml);
        var model = _ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { HiddenLayers = [6], MaxEpochs = 4, EnsembleSize = 2, Seed = 11 }).Fit(train);
        var card = ModelCard.FromMlp("WDBC ensemble", model, train);
        Assert.Equal(["MlpBinaryTrainer 30-12-1 (2 networks averaged) on Features → PredictedLabel, Score, Probability"], card.PipelineSteps);
        Assert.Contains(new NamedValue("EnsembleSize", "2"), card.TrainerOptions);
        Assert.Contains(card.TrainerOptions, o => o.Name == "Ensemble" && o.Value.StartsWith("2 networks averaged (seeds 11, ", StringComparison.Ordinal));
        Assert.StartsWith("An ensemble of 2 networks", card.TrainingOutcome);
    }

    [Fact]
    public void Card_carries_sizes_balance_steps_options_history_seed_and_versions()
    {
        var (model, train, _) = TrainSmallMlp(validationFraction: 0.2f);
        var mlp = ((TransformerChain<Transformers.MlpBinaryPredictionTransformer>)model).LastTransformer;
        var history = mlp.Model.History;

        var card = ModelCard.FromMlp("WDBC MLP", model, train, positiveClassName: "malignant", negativeClassName: "benign");

        long trainRows = train.GetColumn<bool>("Label").Count();
        long malignant = train.GetColumn<bool>("Label").Count(label => label);
        Assert.Equal("WDBC MLP", card.Title);
        Assert.Equal(history.TrainingRows, card.TrainingRowCount);
        Assert.Equal(history.ValidationRows, card.ValidationRowCount);
        Assert.True(card.ValidationRowCount > 0);
        Assert.Equal(trainRows, card.TrainingRowCount + card.ValidationRowCount);
        Assert.Equal([new ClassCount("benign", trainRows - malignant), new ClassCount("malignant", malignant)], card.LabelBalance);
        Assert.Equal(["Normalizing → Features", "MlpBinaryTrainer 30-6-1 on Features → PredictedLabel, Score, Probability"],
            card.PipelineSteps);
        Assert.Equal("MlpBinaryTrainer", card.TrainerName);
        Assert.Equal(mlp.Model.TrainerOptions.Select(o => o.Key).Order(), card.TrainerOptions.Concat(card.InactiveTrainerOptions).Select(o => o.Name).Order());
        Assert.All(card.TrainerOptions, o => Assert.Contains(new KeyValuePair<string, string>(o.Name, o.Value), mlp.Model.TrainerOptions));
        // Adam, the automatic schedule (cosine with warm-up) and ReLU: the SGD, AdamW, other schedules' and LeakyReLU options had no effect.
        Assert.Equal(
            ["LeakyReluSlope", "Momentum", "Nesterov", "PlateauFactor", "PlateauPatience", "StepDecayEpochs", "StepDecayFactor", "WeightDecay"],
            card.InactiveTrainerOptions.Select(o => o.Name).Order(StringComparer.Ordinal));
        Assert.Contains(new NamedValue("LearningRateSchedule", "automatic (CosineWithWarmup)"), card.TrainerOptions);
        Assert.Contains(card.TrainerOptions, o => o.Name == "WarmupEpochs");
        Assert.Contains(card.InactiveTrainerOptions, o => o.Name == "Momentum" && o.Value.Contains("Optimizer = Adam"));
        Assert.Contains(new NamedValue("EarlyStoppingPatience", "3"), card.TrainerOptions);   // this run had validation rows
        Assert.Contains(new NamedValue("Dropout", "0.25"), card.TrainerOptions);
        Assert.Contains(new NamedValue("PositiveClassWeight", "1"), card.TrainerOptions);
        Assert.Equal(11, card.Seed);
        Assert.Equal(history.TotalSeconds, card.TrainingTime!.Value.TotalSeconds, 3);
        Assert.Equal(history.StopMessage, card.TrainingOutcome);
        Assert.StartsWith("MlNetNeural ", card.LibraryVersion);
        Assert.StartsWith("5.", card.MlNetVersion);

        var curves = card.History!;
        Assert.Equal(history.Epochs.Select(e => e.TrainLoss), curves.TrainLoss);
        Assert.Equal(history.Epochs.Select(e => e.ValidationLoss!.Value), curves.ValidationLoss!);
        Assert.Equal(history.Epochs.Select(e => e.ValidationMetric!.Value), curves.ValidationMetric!);
        Assert.Equal("accuracy", curves.ValidationMetricName);
        Assert.Equal(history.BestEpoch, curves.BestEpoch);
    }

    [Fact]
    public void Without_validation_the_card_has_training_loss_only_and_zero_validation_rows()
    {
        var (model, train, _) = TrainSmallMlp(validationFraction: 0f);

        var card = ModelCard.FromMlp("No validation", model, train);

        Assert.Equal(0, card.ValidationRowCount);
        Assert.Equal(12, card.History!.EpochCount);
        Assert.Null(card.History.ValidationLoss);
        Assert.Null(card.History.ValidationMetric);
        Assert.Null(card.History.BestEpoch);
        Assert.Contains(card.InactiveTrainerOptions, o => o.Name == "EarlyStoppingPatience" && o.Value.Contains("validation data"));
        Assert.DoesNotContain(card.TrainerOptions, o => o.Name.StartsWith("EarlyStopping", StringComparison.Ordinal));
        Assert.Contains("binary cross-entropy in nats", card.History.LossDescription);
        Assert.Contains("in bits", card.History.LossDescription);
        Assert.Equal([new ClassCount("false", train.GetColumn<bool>("Label").Count(l => !l)), new ClassCount("true", train.GetColumn<bool>("Label").Count(l => l))],
            card.LabelBalance);
    }

    [Fact]
    public void Card_goes_into_the_html_report_with_loss_curves_and_how_training_ended()
    {
        var (model, train, test) = TrainSmallMlp(validationFraction: 0.2f);
        var card = ModelCard.FromMlp("WDBC MLP", model, train) with
        {
            IntendedUse = "Tests only.",
            EvaluationNotes = [new NamedValue("Cost per applicant <at 0.5>", "0.61 & more")],
        };

        using var output = new OutputDirectory("mlp-model-card");
        EvaluationReport.ForBinary(_ml, model.Transform(test), "Label", card).WriteHtml(output.File("report.html"));
        var html = File.ReadAllText(output.File("report.html"));

        Assert.Contains("<dt>Intended use</dt><dd>Tests only.</dd>", html);
        Assert.Contains("<td><code>HiddenLayers</code></td><td><code>[6]</code></td>", html);
        Assert.Contains("<dt>How training ended</dt>", html);
        Assert.Contains("<dt>Random seed</dt><dd>11</dd>", html);
        Assert.Contains("data-plot=\"training-loss\"", html);
        Assert.Contains("data-plot=\"validation-metric\"", html);
        Assert.Contains("Not listed, because they had no effect in this run: <code>LeakyReluSlope</code>", html);
        Assert.Contains("<code>Momentum</code> (used by the Sgd optimizer only; this run used Optimizer = Adam)", html);
        Assert.Contains("not comparable (1 bit = 0.693 nats)", html);
        Assert.Contains("<h3>Evaluation notes</h3>", html);
        Assert.Contains("<tr><th scope=\"row\">Cost per applicant &lt;at 0.5&gt;</th><td>0.61 &amp; more</td></tr>", html);

        var markdown = File.ReadAllText(EvaluationReport.ForBinary(_ml, model.Transform(test), "Label", card).WriteMarkdown(output.File("md")));
        Assert.Contains("| **How training ended** |", markdown);
        Assert.Contains("| Cost per applicant \\<at 0.5\\> | 0.61 & more |", markdown);
        Assert.Contains("`Momentum` (used by the Sgd optimizer only; this run used Optimizer = Adam)", markdown);
    }

    [Fact]
    public void A_model_without_an_mlp_is_rejected_with_its_steps_named()
    {
        var data = TestData.BreastCancer(_ml);
        var model = _ml.Transforms.NormalizeMeanVariance("Features").Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(data);

        var error = Assert.Throws<ArgumentException>(() => ModelCard.FromMlp("LR", model, data));

        Assert.Contains("holds no MLP prediction transformer", error.Message);
        Assert.Contains("Normalizing", error.Message);
        Assert.Contains("BinaryPrediction<", error.Message);
    }

    [Fact]
    public void A_missing_label_column_is_named()
    {
        var (model, train, _) = TrainSmallMlp(validationFraction: 0f);

        var error = Assert.Throws<ArgumentException>(() => ModelCard.FromMlp("MLP", model, train, labelColumnName: "Outcome"));

        Assert.Contains("'Outcome' was not found", error.Message);
    }
}
