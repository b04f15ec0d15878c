using System.Text.Json.Serialization;

namespace Trainer.Training;

/// <summary>The network a run trains (<c>train --arch</c>); kept in the checkpoint by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelArchitecture>))]
internal enum ModelArchitecture
{
    /// <summary>DS-CNN (Zhang et al., "Hello Edge", 2017): <see cref="Engine.Models.DsCnn"/>.</summary>
    DsCnn,

    /// <summary>TC-ResNet (Choi et al., 2019): <see cref="Engine.Models.TcResNet"/>.</summary>
    TcResNet,

    /// <summary>MatchboxNet (Majumdar and Ginsburg, 2020): <see cref="Engine.Models.MatchboxNet"/>.</summary>
    MatchboxNet,

    /// <summary>BC-ResNet (Kim et al., 2021): <see cref="Engine.Models.BcResNet"/>.</summary>
    BcResNet,

    /// <summary>MatchboxNet with unpadded convolutions along time, exportable as a streaming model.</summary>
    MatchboxNetStream,

    /// <summary>DS-CNN with no stride or padding along time, exportable as a streaming model.</summary>
    DsCnnStream,
}
