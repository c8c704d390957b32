// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Owned} from "./Owned.sol";

interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

/// @notice The veNFT: an enumerable ERC-721 with the semantics of Aragon's v1.0.0 Lock.
///         - Only the escrow mints and burns.
///         - A transfer must go to a whitelisted address (the escrow, whitelisted at deployment),
///           unless `enableTransfers()` whitelisted every address.
///         - Standard ERC-721 approvals; the escrow moves a token out of its owner's hands only
///           when the owner approved it (`approve(escrow, id)` or `setApprovalForAll`).
contract Lock is Owned {
    /// @notice Whitelisting this address allows transfers to anyone.
    address public constant WHITELIST_ANY_ADDRESS = address(uint160(uint256(keccak256("WHITELIST_ANY_ADDRESS"))));

    address public immutable escrow;
    string public name;
    string public symbol;

    mapping(address => bool) public whitelisted;

    mapping(uint256 => address) private _owners;
    mapping(address => uint256) private _balances;
    mapping(uint256 => address) private _tokenApprovals;
    mapping(address => mapping(address => bool)) private _operatorApprovals;
    mapping(address => mapping(uint256 => uint256)) private _ownedTokens;
    mapping(uint256 => uint256) private _ownedTokensIndex;
    uint256[] private _allTokens;
    mapping(uint256 => uint256) private _allTokensIndex;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event WhitelistSet(address indexed account, bool status);

    error OnlyEscrow();
    error NotWhitelisted();
    error ForbiddenWhitelistAddress();
    error NonexistentToken(uint256 tokenId);
    error TokenAlreadyMinted(uint256 tokenId);
    error ZeroAddress();
    error NotApprovedOrOwner(address caller, uint256 tokenId);
    error WrongOwner(uint256 tokenId, address claimed, address actual);
    error ApproveToOwner();
    error ApproveToCaller();
    error IndexOutOfBounds(uint256 index);
    error NonReceiver(address to);

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert OnlyEscrow();
        _;
    }

    constructor(address escrow_, string memory name_, string memory symbol_) {
        escrow = escrow_;
        name = name_;
        symbol = symbol_;
        whitelisted[escrow_] = true;
        emit WhitelistSet(escrow_, true);
    }

    // ------------------------------------------------------------------ admin

    function setWhitelisted(address account, bool status) external onlyOwner {
        if (account == WHITELIST_ANY_ADDRESS) revert ForbiddenWhitelistAddress();
        whitelisted[account] = status;
        emit WhitelistSet(account, status);
    }

    /// @notice Allows transfers between any addresses (cannot be undone).
    function enableTransfers() external onlyOwner {
        whitelisted[WHITELIST_ANY_ADDRESS] = true;
        emit WhitelistSet(WHITELIST_ANY_ADDRESS, true);
    }

    // ------------------------------------------------------------------ escrow

    function mint(address to, uint256 tokenId) external onlyEscrow {
        if (to == address(0)) revert ZeroAddress();
        if (_owners[tokenId] != address(0)) revert TokenAlreadyMinted(tokenId);
        _addToken(to, tokenId);
        _allTokensIndex[tokenId] = _allTokens.length;
        _allTokens.push(tokenId);
        emit Transfer(address(0), to, tokenId);
    }

    function burn(uint256 tokenId) external onlyEscrow {
        address holder = ownerOf(tokenId);
        _removeToken(holder, tokenId);
        uint256 index = _allTokensIndex[tokenId];
        uint256 last = _allTokens[_allTokens.length - 1];
        _allTokens[index] = last;
        _allTokensIndex[last] = index;
        _allTokens.pop();
        delete _allTokensIndex[tokenId];
        emit Transfer(holder, address(0), tokenId);
    }

    // ------------------------------------------------------------------ ERC-721

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == 0x01ffc9a7 // ERC-165
            || interfaceId == 0x80ac58cd // ERC-721
            || interfaceId == 0x5b5e139f // ERC-721 metadata
            || interfaceId == 0x780e9d63; // ERC-721 enumerable
    }

    function balanceOf(address holder) external view returns (uint256) {
        if (holder == address(0)) revert ZeroAddress();
        return _balances[holder];
    }

    function ownerOf(uint256 tokenId) public view returns (address holder) {
        holder = _owners[tokenId];
        if (holder == address(0)) revert NonexistentToken(tokenId);
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return "";
    }

    function totalSupply() external view returns (uint256) {
        return _allTokens.length;
    }

    function tokenByIndex(uint256 index) external view returns (uint256) {
        if (index >= _allTokens.length) revert IndexOutOfBounds(index);
        return _allTokens[index];
    }

    function tokenOfOwnerByIndex(address holder, uint256 index) external view returns (uint256) {
        if (index >= _balances[holder]) revert IndexOutOfBounds(index);
        return _ownedTokens[holder][index];
    }

    function approve(address to, uint256 tokenId) external {
        address holder = ownerOf(tokenId);
        if (to == holder) revert ApproveToOwner();
        if (msg.sender != holder && !_operatorApprovals[holder][msg.sender]) {
            revert NotApprovedOrOwner(msg.sender, tokenId);
        }
        _tokenApprovals[tokenId] = to;
        emit Approval(holder, to, tokenId);
    }

    function getApproved(uint256 tokenId) external view returns (address) {
        ownerOf(tokenId);
        return _tokenApprovals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        if (operator == msg.sender) revert ApproveToCaller();
        _operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address holder, address operator) external view returns (bool) {
        return _operatorApprovals[holder][operator];
    }

    /// @notice Owner, approved address or operator of the owner (reverts for an unknown token).
    function isApprovedOrOwner(address spender, uint256 tokenId) public view returns (bool) {
        address holder = ownerOf(tokenId);
        return spender == holder || _operatorApprovals[holder][spender] || _tokenApprovals[tokenId] == spender;
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        if (!isApprovedOrOwner(msg.sender, tokenId)) revert NotApprovedOrOwner(msg.sender, tokenId);
        _transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        if (to.code.length > 0) {
            bytes4 answer = IERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data);
            if (answer != IERC721Receiver.onERC721Received.selector) revert NonReceiver(to);
        }
    }

    // ------------------------------------------------------------------ internals

    function _transfer(address from, address to, uint256 tokenId) private {
        if (!whitelisted[WHITELIST_ANY_ADDRESS] && !whitelisted[to]) revert NotWhitelisted();
        if (to == address(0)) revert ZeroAddress();
        address holder = ownerOf(tokenId);
        if (holder != from) revert WrongOwner(tokenId, from, holder);
        _removeToken(from, tokenId);
        _addToken(to, tokenId);
        emit Transfer(from, to, tokenId);
    }

    /// @dev Appends `tokenId` to `to`'s enumeration.
    function _addToken(address to, uint256 tokenId) private {
        uint256 index = _balances[to];
        _ownedTokens[to][index] = tokenId;
        _ownedTokensIndex[tokenId] = index;
        _balances[to] = index + 1;
        _owners[tokenId] = to;
    }

    /// @dev Removes `tokenId` from `from`'s enumeration (the last token takes its place) and
    ///      clears its approval (without an event, as OpenZeppelin 4.9).
    function _removeToken(address from, uint256 tokenId) private {
        uint256 lastIndex = _balances[from] - 1;
        uint256 index = _ownedTokensIndex[tokenId];
        if (index != lastIndex) {
            uint256 last = _ownedTokens[from][lastIndex];
            _ownedTokens[from][index] = last;
            _ownedTokensIndex[last] = index;
        }
        delete _ownedTokens[from][lastIndex];
        delete _ownedTokensIndex[tokenId];
        _balances[from] = lastIndex;
        delete _owners[tokenId];
        delete _tokenApprovals[tokenId];
    }
}
