using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>One output column a task adds: its name, type, annotations and how it is computed from the network's outputs.</summary>
/// <param name="Name">Column name ("Score", "Probability", "PredictedLabel").</param>
/// <param name="Type">Column type.</param>
/// <param name="Annotations">Column annotations.</param>
/// <param name="CreateGetter">Given a function that returns the current row's network outputs, the column's value getter.</param>
internal sealed record HeadColumn(
    string Name, DataViewType Type, DataViewSchema.Annotations Annotations, Func<Func<float[]>, Delegate> CreateGetter);
