using Microsoft.ML;

namespace MedicalImaging.Tabular;

/// <summary>One way to build a pipeline from "Features" (raw) and "Label" (Boolean) to a "Probability" column.</summary>
/// <param name="Name">Short description shown when it is chosen.</param>
/// <param name="Create">Builds a fresh, unfitted pipeline.</param>
public sealed record PipelineSettings(string Name, Func<MLContext, IEstimator<ITransformer>> Create);

/// <summary>
/// A row of the results table: a model family and the settings it may use. With more than one
/// setting, each cross-validation fold picks one by an inner cross-validation on its own training part.
/// </summary>
/// <param name="Name">Row name in the results table.</param>
/// <param name="Settings">Candidate settings, at least one.</param>
public sealed record ModelFamily(string Name, IReadOnlyList<PipelineSettings> Settings);
