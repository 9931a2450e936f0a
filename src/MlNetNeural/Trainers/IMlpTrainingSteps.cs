using Microsoft.ML;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// The steps of <c>Fit</c> that training outside a single Fit call needs (federated sites and coordinator):
/// reading rows through the trainer's checks, the trainer's loss, and its prediction transformer.
/// </summary>
internal interface IMlpTrainingSteps
{
    /// <summary>The trainer's options.</summary>
    MlpTrainerOptions Options { get; }

    /// <summary>The task the trainer learns.</summary>
    MlpTask Task { get; }

    /// <summary>
    /// Reads <paramref name="data"/> as Fit reads its training data (feature, label and weight columns, finite
    /// values), checks the targets against the loss, and describes every refusal in the column's terms.
    /// </summary>
    (TrainingData Rows, LabelDescription Label) ReadTrainingData(IDataView data);

    /// <summary>The loss Fit would train with for a label with these classes (regression targets not standardized).</summary>
    ILoss CreateLossFor(LabelDescription label);

    /// <summary>The prediction transformer Fit would return for <paramref name="model"/>.</summary>
    MlpPredictionTransformer CreateTransformerFor(MlpModelParameters model);
}
