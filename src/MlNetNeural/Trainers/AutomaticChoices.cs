namespace MlNetNeural.Trainers;

/// <summary>What a fit chose for automatic options that depend on its data, for the model card.</summary>
/// <param name="EmbeddingLearningRateFactor">The periodic embeddings' learning-rate factor, or null without embeddings.</param>
/// <param name="MemberFolds">Whether the ensemble's members held out their own folds.</param>
internal sealed record AutomaticChoices(float? EmbeddingLearningRateFactor, bool MemberFolds);
