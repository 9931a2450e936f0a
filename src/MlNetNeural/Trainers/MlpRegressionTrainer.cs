using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Core.Losses;
using MlNetNeural.Data;
using MlNetNeural.Models;
using MlNetNeural.Scoring;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// Trains a multilayer perceptron for regression (squared error or Huber loss) on a Single label;
/// the output is ML.NET's Score. Create it with <c>mlContext.Regression.Trainers.Mlp(...)</c>.
/// </summary>
public sealed class MlpRegressionTrainer : MlpTrainerBase<MlpRegressionPredictionTransformer, MlpRegressionTrainer.Options>
{
    /// <summary>The regression loss.</summary>
    public enum LossFunction
    {
        /// <summary>Mean squared error: the maximum-likelihood choice for Gaussian noise.</summary>
        SquaredError = 0,
        /// <summary>Huber loss: squared near zero, linear beyond <see cref="Options.HuberDelta"/>; robust to outliers.</summary>
        Huber = 1,
    }

    /// <summary>Options of <see cref="MlpRegressionTrainer"/>.</summary>
    public sealed class Options : MlpTrainerOptions
    {
        /// <summary>The loss. Default squared error, which matches ML.NET's RMSE-based evaluation.</summary>
        public LossFunction Loss { get; set; } = LossFunction.SquaredError;

        /// <summary>Residual where the Huber loss turns linear, in label units, above 0. Default 1 (scale it to your label).</summary>
        public float HuberDelta { get; set; } = 1f;
    }

    internal MlpRegressionTrainer(IHostEnvironment environment, Options options) : base(environment, options, nameof(MlpRegressionTrainer))
    {
    }

    private protected override MlpTask Task => MlpTask.Regression;

    private protected override LabelDescription DescribeLabel(DataViewSchema.Column label) =>
        label.Type == NumberDataViewType.Single
            ? LabelDescription.None
            : throw SchemaChecks.Mismatch("label", label.Name, "Single", label.Type, "Convert it with ml.Transforms.Conversion.ConvertType(\"Label\", outputKind: DataKind.Single).");

    private protected override TargetReader CreateTargetReader(DataViewRow row, DataViewSchema.Column label)
    {
        var getter = row.GetGetter<float>(label);
        float value = 0;
        return position =>
        {
            getter(ref value);
            return float.IsFinite(value) ? value
                : throw new InvalidOperationException($"Row {position} of label column '{label.Name}' is {value}; drop rows without a label (ml.Data.FilterRowsByMissingValues).");
        };
    }

    private protected override ILoss CreateLoss(LabelDescription label) => TrainerOptions.Loss switch
    {
        LossFunction.SquaredError => new MeanSquaredErrorLoss(),
        LossFunction.Huber => new HuberLoss(TrainerOptions.HuberDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(Options.Loss), TrainerOptions.Loss, "Unknown regression loss."),
    };

    private protected override MlpRegressionPredictionTransformer CreateTransformer(MlpModelParameters model, string featureColumnName) => new(model, featureColumnName);

    private protected override IEnumerable<SchemaShape.Column> OutputColumns(SchemaShape.Column label) => ScoreColumnShapes.Regression();
}
