namespace StaticNets.Runtime.Tests.Networks;

// The three reference networks of DESIGN.md, declared as a user would.

[Network("FC(100)+RELU+FC(10)+SOFTMAX", Input = "3x32x32")]
internal partial class Mlp2
{
}

[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LeNet5
{
}

[Network("((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX", Input = "3x32x32", Classes = 10,
         Let = "N=2, M=3, K=1", Defaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)")]
internal partial class Cifar
{
}

// Small networks that put every layer option through a full gradient check: strided and padded
// convolution, overlapping pooling, a convolution straight after the input, and a scoring FC implied
// by the loss.

[Network("CONV(3,3,stride:2,pad:1)+RELU+POOL(3,stride:1)+FC(6)+RELU+FC(4)+SOFTMAX", Input = "2x7x7")]
internal partial class StridedConvNet
{
}

[Network("CONV(4,3)+RELU+CONV(3,3,stride:2)+RELU+POOL(3,stride:2)+SOFTMAX", Input = "1x13x13", Classes = 3)]
internal partial class ImpliedScoringNet
{
}

[Network("FC(7)+RELU+FC(5)+RELU+FC(3)+SOFTMAX", Input = "9")]
internal partial class TinyMlp
{
}
