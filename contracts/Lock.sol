// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The veNFT (ERC-721 subset). Only the escrow mints, burns and moves tokens, and a move
///         must go to or come from the escrow: locks are not transferable between holders.
contract Lock {
    string public constant name = "Bedrock veBR";
    string public constant symbol = "veBR";

    address public immutable escrow;
    uint256 public totalSupply;

    mapping(uint256 => address) private _ownerOf;
    mapping(address => uint256[]) private _tokensOf;
    mapping(uint256 => uint256) private _indexInOwner;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    error NotEscrow(address caller);
    error TransfersDisabled();
    error NonexistentToken(uint256 tokenId);
    error TokenAlreadyMinted(uint256 tokenId);
    error WrongOwner(uint256 tokenId, address claimed, address actual);
    error ZeroAddress();

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert NotEscrow(msg.sender);
        _;
    }

    constructor(address escrow_) {
        escrow = escrow_;
    }

    function ownerOf(uint256 tokenId) public view returns (address holder) {
        holder = _ownerOf[tokenId];
        if (holder == address(0)) revert NonexistentToken(tokenId);
    }

    function balanceOf(address holder) external view returns (uint256) {
        if (holder == address(0)) revert ZeroAddress();
        return _tokensOf[holder].length;
    }

    function tokensOf(address holder) external view returns (uint256[] memory) {
        return _tokensOf[holder];
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 || interfaceId == 0x80ac58cd; // ERC-165, ERC-721
    }

    function mint(address to, uint256 tokenId) external onlyEscrow {
        if (to == address(0)) revert ZeroAddress();
        if (_ownerOf[tokenId] != address(0)) revert TokenAlreadyMinted(tokenId);
        _add(to, tokenId);
        totalSupply += 1;
        emit Transfer(address(0), to, tokenId);
    }

    function burn(uint256 tokenId) external onlyEscrow {
        address holder = ownerOf(tokenId);
        _remove(holder, tokenId);
        totalSupply -= 1;
        emit Transfer(holder, address(0), tokenId);
    }

    /// @notice Only the escrow moves tokens, and only into or out of itself.
    function transferFrom(address from, address to, uint256 tokenId) external {
        if (msg.sender != escrow || (from != escrow && to != escrow)) revert TransfersDisabled();
        if (to == address(0)) revert ZeroAddress();
        address holder = ownerOf(tokenId);
        if (holder != from) revert WrongOwner(tokenId, from, holder);
        _remove(from, tokenId);
        _add(to, tokenId);
        emit Transfer(from, to, tokenId);
    }

    function _add(address to, uint256 tokenId) private {
        _ownerOf[tokenId] = to;
        _indexInOwner[tokenId] = _tokensOf[to].length;
        _tokensOf[to].push(tokenId);
    }

    function _remove(address from, uint256 tokenId) private {
        uint256[] storage list = _tokensOf[from];
        uint256 index = _indexInOwner[tokenId];
        uint256 last = list[list.length - 1];
        list[index] = last;
        _indexInOwner[last] = index;
        list.pop();
        delete _indexInOwner[tokenId];
        delete _ownerOf[tokenId];
    }
}
